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

  @Option(help: "Prune first, as slim-prune --percent P does (network slimming, no fine-tuning).")
  var prune: Double?

  @Flag(help: "Skip the reference-vs-runtime verification (not recommended).")
  var noVerify = false

  @Flag(name: .shortAndLong, help: "Print only errors.")
  var quiet = false

  func run() throws {
    var options = PackOptions()
    options.architecture = arch
    options.mean = mean?.values
    options.std = std?.values
    options.labels = try labels.map(Self.readLabels)
    options.compression = compress.value
    options.verify = !noVerify

    let result: Packer.Result
    if let prune {
      result = try pruneAndPack(input, percent: prune, options: options)
    } else {
      do { result = try Packer.pack(checkpointAt: input, options: options) } catch {
        throw CommandFailure(error)
      }
    }
    do { try AtomicFile.write(result.bytes, to: output, protecting: [input]) } catch {
      throw CommandFailure(message: "\(error)", status: .cannotWrite)
    }
    if !quiet { print(PackReport(result: result, output: output).text) }
  }

  /// Imports, prunes (printing the pruning report unless quiet), then packs the pruned graph.
  func pruneAndPack(_ input: String, percent: Double, options: PackOptions) throws -> Packer.Result {
    var pruneOptions = PruneOptions()
    pruneOptions.percent = percent
    let model: ImportedModel
    do { model = try ModelImporter.importCheckpoint(at: input, architecture: options.architecture) } catch {
      throw CommandFailure(PackError.importFailed(error))
    }
    let pruned: (model: ImportedModel, result: PruneResult)
    do { pruned = try model.pruned(options: pruneOptions) } catch { throw CommandFailure(error) }
    if !quiet { print(PruneReport(result: pruned.result, options: pruneOptions).text) }
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
