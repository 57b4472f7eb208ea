import ArgumentParser
import Foundation
import SlimCommandLine
import SlimCompiler

@main
struct SlimPack: FailingCommand {
  static let configuration = CommandConfiguration(
    commandName: "slim-pack",
    abstract: "Pack a trained PyTorch checkpoint into a .slim model for SlimRuntime.",
    discussion: """
      Reads the checkpoint without Python (a data-only unpickler), rebuilds the network, \
      folds BatchNorm into the convolutions, fuses ReLUs, plans activation memory and \
      writes the .slim file. Before writing, it runs the original graph on the reference \
      engine and the packed file on the runtime with the same probe inputs, and refuses \
      to write if they disagree.
      """,
    version: Packer.version)

  @Argument(help: "The checkpoint (torch.save zip: .pth, .pth.tar, .pt, .ckpt).")
  var input: String

  @Argument(help: "The .slim file to write (written atomically; never the input).")
  var output: String

  @Option(
    help:
      "Model family (\(Architecture.allCases.map(\.rawValue).joined(separator: ", "))); detected from the keys when omitted."
  )
  var arch: Architecture?

  @Option(help: "Per-channel mean for uint8 inputs, comma-separated (x = (pixel/255 - mean) / std).")
  var mean: FloatList?

  @Option(help: "Per-channel standard deviation for uint8 inputs, comma-separated.")
  var std: FloatList?

  @Option(help: "Class labels: a text file with one label per line, or a comma-separated list.")
  var labels: String?

  @Option(help: "Section encoding: none (weights read in place) or zlib (smaller file, inflated once at load).")
  var compress: Compression = .none

  @Flag(
    help: ArgumentHelp(
      "Also store convolution weights in the fast kernels' layouts (PACK and WINO sections; PKI8 with --int8).",
      discussion: """
        Hosted sessions (slim-run, SlimSession on Linux/macOS) then use them in place \
        instead of repacking every convolution when a session is created; the file grows \
        by the size of those weights (4x for the Winograd layers' WINO). Firmware ignores \
        the sections.
        """))
  var packedWeights = false

  @Flag(
    help: ArgumentHelp(
      "With --int8 --packed-weights: lay int8 convolutions out for x86 AVX-512 VNNI runtimes (PKQ8 section).",
      discussion: """
        For a SlimRuntime built with SLIM_NATIVE=1 on a CPU with AVX-512 VNNI, whose int8 \
        convolutions use its byte dot product (vpdpbusd). Other runtimes read the file as \
        well, and run those layers in the stored layout, somewhat slower than their own.
        """))
  var vnni = false

  @Flag(help: "Quantize to int8 (per-channel weights, calibrated activations); needs --calibration.")
  var int8 = false

  @Option(
    help:
      "Calibration inputs for --int8: a .npy batch, a raw input file, or a directory of them (uint8 pixels with --input uint8)."
  )
  var calibration: String?

  @Option(help: "How calibration picks activation ranges: minmax, percentile or kl.")
  var calibrationMethod: CalibrationMethod = .minmax

  @Option(help: "With --int8: layers to keep in float32, comma-separated (first, last, or layer names).")
  var keepFloat: String?

  @Option(
    help: ArgumentHelp(
      "With --int8: how adds and per-channel scale-and-shift layers round: single or tflite.",
      discussion: """
        single (the default): one rounding in 32-bit arithmetic (opcodes 31 and 32 of format \
        1.7). tflite: TensorFlow Lite's arithmetic (opcodes 27 and 22), for a file that a \
        runtime older than format 1.7 must run, or that must match a TensorFlow Lite deployment \
        bit for bit.
        """))
  var int8Rounding: Int8Rounding?

  @Option(
    name: .customLong("input"),
    help: ArgumentHelp(
      """
      The model's graph input: float32 (NCHW, normalized by the caller) or, with --int8, uint8 \
      (HWC pixels as a camera gives them, normalized and quantized inside by a table, so the device \
      needs no float; needs --mean/--std and uint8 calibration pixels).
      """, valueName: "type"))
  var graphInput: GraphInput = .float32

  @Option(
    name: .customLong("emit-c"),
    help: "Also write the packed model as C source (an aligned const array and its size) for firmware.")
  var emitC: String?

  @Option(name: .customLong("c-symbol"), help: "Name of the array --emit-c defines (its size is NAME_size).")
  var cSymbol = "slim_model_data"

  @Option(help: "Prune first, as slim-prune --percent P does (network slimming, no fine-tuning).")
  var prune: Double?

  @Flag(help: "Skip the reference-vs-runtime verification (not recommended).")
  var noVerify = false

  @Flag(name: .shortAndLong, help: "Print only errors.")
  var quiet = false

  func validate() throws {
    // Checked before packing so a bad name costs nothing and writes nothing.
    if emitC != nil, !CSourceEmitter.isCIdentifier(cSymbol) {
      throw ValidationError("--c-symbol: \(CSourceEmitter.Failure.invalidSymbol(cSymbol))")
    }
    if vnni, !(int8 && packedWeights) { throw ValidationError("--vnni needs --int8 and --packed-weights") }
  }

  func run() throws {
    var options = PackOptions()
    options.architecture = arch
    options.mean = mean?.values
    options.std = std?.values
    options.labels = try labels.map(Self.readLabels)
    options.compression = compress.value
    options.packedWeights = packedWeights
    options.byteDotWeights = vnni
    options.verify = !noVerify

    let result: Packer.Result
    if graphInput == .uint8, !int8 {
      throw CommandFailure(
        message: "--input uint8 needs --int8 (the pixels are quantized by a table of int8 values)", status: .usage)
    }
    if int8 {
      guard prune == nil else {
        throw CommandFailure(
          message: "--prune and --int8 cannot be combined yet; prune with slim-prune first", status: .usage)
      }
      result = try packInt8(options)
    } else if let prune {
      result = try pruneAndPack(input, percent: prune, options: options)
    } else {
      guard calibration == nil, keepFloat == nil, int8Rounding == nil else {
        throw CommandFailure(
          message: "--calibration, --keep-float and --int8-rounding only apply with --int8", status: .usage)
      }
      do { result = try Packer.pack(checkpointAt: input, options: options) } catch {
        throw CommandFailure(error)
      }
    }
    do { try AtomicFile.write(result.bytes, to: output, protecting: [input]) } catch {
      throw CommandFailure(message: "\(error)", status: .cannotWrite)
    }
    if let emitC {
      try Self.writeCSource(
        result.bytes, to: emitC, symbol: cSymbol, origin: URL(fileURLWithPath: output).lastPathComponent,
        protecting: [input, output])
    }
    if !quiet { print(PackReport(result: result, output: output).text) }
  }

  /// Imports the checkpoint first (calibration inputs are decoded for its input shape),
  /// then calibrates, quantizes and packs.
  func packInt8(_ options: PackOptions) throws -> Packer.Result {
    guard let calibration else {
      throw CommandFailure(message: "\(QuantizationError.noCalibrationInputs)", status: .usage)
    }
    let model: ImportedModel
    do { model = try ModelImporter.importModel(at: input, architecture: arch) } catch {
      throw CommandFailure(PackError.importFailed(error))
    }
    let shape = model.graph.values[model.graph.inputs[0]].shape
    if graphInput == .uint8, mean == nil || std == nil {
      throw CommandFailure(
        message: "--input uint8 needs --mean and --std: the model normalizes its pixels inside with them",
        status: .usage)
    }
    var quantization: QuantizationOptions
    do {
      let decoder = InputDecoder(inputShape: shape, mean: mean?.values, std: std?.values)
      switch graphInput {
      case .float32:
        quantization = QuantizationOptions(calibration: try CalibrationSet.load(calibration, decoder: decoder))
      case .uint8:
        quantization = QuantizationOptions(pixels: try CalibrationSet.loadPixels(calibration, decoder: decoder))
      }
    } catch {
      let unreadable: Bool
      if case .cannotOpen = error { unreadable = true } else { unreadable = false }
      throw CommandFailure(message: "\(error)", status: unreadable ? .cannotOpen : .badInput)
    }
    var options = options
    quantization.method = calibrationMethod
    quantization.rounding = int8Rounding ?? .single
    quantization.keepFloat =
      keepFloat.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
    if !quiet {
      let bar = ProgressBar(label: "calibrating")
      quantization.progress = { bar.update($0, $1) }
    }
    options.quantization = quantization
    do { return try Packer.pack(model, options: options) } catch { throw CommandFailure(error) }
  }

  /// Writes `--emit-c`'s C source atomically, never over the checkpoint or the `.slim` file.
  static func writeCSource(
    _ bytes: [UInt8], to path: String, symbol: String, origin: String, protecting inputs: [String]
  ) throws {
    let text: String
    do { text = try CSourceEmitter.source(for: bytes, symbol: symbol, origin: origin) } catch {
      throw CommandFailure(message: "--c-symbol: \(error)", status: .usage)
    }
    do { try AtomicFile.write(Array(text.utf8), to: path, protecting: inputs) } catch {
      throw CommandFailure(message: "\(error)", status: .cannotWrite)
    }
  }

  /// Imports, prunes (printing the pruning report unless quiet), then packs the pruned graph.
  func pruneAndPack(_ input: String, percent: Double, options: PackOptions) throws -> Packer.Result {
    var pruneOptions = PruneOptions()
    pruneOptions.percent = percent
    let model: ImportedModel
    // A checkpoint or an ONNX model (by extension, --arch onnx, or content).
    do { model = try ModelImporter.importModel(at: input, architecture: options.architecture) } catch {
      throw CommandFailure(PackError.importFailed(error))
    }
    let pruned: (model: ImportedModel, result: PruneResult)
    do { pruned = try model.pruned(options: pruneOptions) } catch { throw CommandFailure(error) }
    if !quiet {
      let report = PruneReport(result: pruned.result, options: pruneOptions, showsConfig: model.sourceFormat != "onnx")
      print(report.text)
    }
    do { return try Packer.pack(pruned.model, options: options) } catch { throw CommandFailure(error) }
  }

  static func readLabels(_ argument: String) throws -> [String] {
    if FileManager.default.fileExists(atPath: argument) {
      guard let text = try? String(contentsOfFile: argument, encoding: .utf8) else {
        throw CommandFailure(message: "cannot read the labels file '\(argument)' as UTF-8 text", status: .badInput)
      }
      return text.split(whereSeparator: \.isNewline).map(String.init)
    }
    return argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  }
}

enum Compression: String, ExpressibleByArgument, CaseIterable {
  case none, zlib
  var value: SlimCompression { self == .zlib ? .zlib : .none }
}
