import ArgumentParser
import Foundation
import SlimCommandLine
import SlimCompiler

@main
struct SlimPrune: FailingCommand {
  static let configuration = CommandConfiguration(
    commandName: "slim-prune",
    abstract:
      "Prune channels of a trained PyTorch checkpoint or ONNX model and write a checkpoint PyTorch can fine-tune "
      + "(or a pruned .onnx).",
    discussion: """
      --method slimming (default) applies Network Slimming's global |gamma| threshold exactly as \
      vggprune.py / resprune.py do; --method l1 / l2 removes the filters with the smallest norm in \
      each layer. Channels tied by residual adds, concatenations and depthwise convs are pruned \
      together. The masked and the pruned model are compared on probe inputs and nothing is written \
      if they disagree. The output holds {'cfg', 'state_dict'} and loads with \
      torch.load(path, weights_only=True). An ONNX input (.onnx, or by content) is written back \
      as an .onnx: the original model with its pruned initializers narrowed.
      """,
    version: Packer.version)

  @Argument(help: "The trained checkpoint (torch.save zip) or ONNX model.")
  var input: String

  @Argument(help: "The pruned checkpoint (or .onnx for an ONNX input) to write (atomically; never the input).")
  var output: String

  @Option(
    help: "Model family (\(Architecture.allCases.map(\.rawValue).joined(separator: ", "))); detected when omitted.")
  var arch: Architecture?

  @Option(help: "slimming, l1 or l2.")
  var method: PruneMethod = .slimming

  @Option(help: "Slimming: fraction of all BN channels under the threshold, in [0, 1).")
  var percent: Double = 0.5

  @Option(help: "l1/l2: fraction of each layer's filters to remove, in [0, 1).")
  var ratio: Double = 0.5

  @Option(
    help: "l1/l2: a file of 'layer ratio' lines overriding --ratio per layer (layer = node name, e.g. feature.0).")
  var ratioFile: String?

  @Option(help: "No layer keeps fewer channels than this.")
  var minChannels: Int = 1

  @Flag(help: "Drop removed channels' constant output as the reference code does, instead of folding it forward.")
  var noCompensate = false

  @Flag(name: .shortAndLong, help: "Print only errors.")
  var quiet = false

  func run() throws {
    var options = PruneOptions()
    options.method = method
    options.percent = percent
    options.ratio = ratio
    options.minChannels = minChannels
    options.compensate = !noCompensate
    if let ratioFile { options.layerRatios = try Self.readRatios(ratioFile) }
    if arch == .onnx || (arch == nil && ModelImporter.isONNX(at: input)) {
      try pruneONNX(options)
      return
    }
    let pruned: CheckpointPruning.Output
    do { pruned = try CheckpointPruning.prune(checkpointAt: input, architecture: arch, options: options) } catch {
      throw CommandFailure(error)
    }
    do { try AtomicFile.write(pruned.bytes, to: output, protecting: [input]) } catch {
      throw CommandFailure(message: "\(error)", status: .cannotWrite)
    }
    if !quiet {
      print(PruneReport(result: pruned.result, options: options).text)
      print("wrote \(output) (\(ByteCount(pruned.bytes.count)))")
    }
  }

  /// An ONNX input: prune, verify, write the pruned `.onnx` (same report).
  func pruneONNX(_ options: PruneOptions) throws {
    let pruned: ONNXPruning.Output
    do { pruned = try ONNXPruning.prune(modelAt: input, options: options) } catch { throw CommandFailure(error) }
    do { try AtomicFile.write(pruned.bytes, to: output, protecting: [input]) } catch {
      throw CommandFailure(message: "\(error)", status: .cannotWrite)
    }
    if !quiet {
      print(PruneReport(result: pruned.result, options: options, showsConfig: false).text)
      for note in pruned.notes { print("note: \(note)") }
      print("round trip (pruned graph vs the written .onnx re-imported): \(pruned.roundTrip)")
      print("wrote \(output) (\(ByteCount(pruned.bytes.count)), ONNX)")
    }
  }

  /// Lines `layer ratio`; blank lines and `#` comments ignored.
  static func readRatios(_ path: String) throws -> [String: Double] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CommandFailure(message: "cannot read the ratio file '\(path)'", status: .cannotOpen)
    }
    var ratios: [String: Double] = [:]
    for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      let parts = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .split(whereSeparator: \.isWhitespace)
      if parts.isEmpty { continue }
      guard parts.count == 2, let ratio = Double(parts[1]) else {
        throw CommandFailure(
          message: "\(path):\(number + 1): expected 'layer ratio', found '\(line)'", status: .usage)
      }
      ratios[String(parts[0])] = ratio
    }
    return ratios
  }
}
