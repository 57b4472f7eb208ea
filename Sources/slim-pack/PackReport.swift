import Foundation
import SlimCommandLine
import SlimCompiler

/// The human-readable summary `slim-pack` prints after writing.
struct PackReport {
  var result: Packer.Result
  var output: String

  var text: String {
    let model = result.model
    let parameters = model.graph.nodes.reduce(0) { $0 + $1.operation.parameterCount }
    let weightBytes = result.packed.constantByteCount
    var lines = [
      model.architecture == .onnx
        ? "source      \(model.sourceFile) (ONNX)"
        : "source      \(model.sourceFile) (\(model.architecture.rawValue), cfg \(model.configDescription)"
          + "\(model.configFromCheckpoint ? "" : ", inferred from shapes")"
          + "\(model.strippedPrefix.isEmpty ? "" : ", key prefix '\(model.strippedPrefix)' removed"))",
      "graph       \(model.graph.nodes.count) nodes → \(result.packed.operators.count) operators "
        + "(\(result.optimization.batchNormsFolded) batch norms folded, \(result.optimization.activationsFused) activations fused)",
      "parameters  \(parameters) in the checkpoint graph, \(weightBytes / 4) stored after folding",
      "memory      arena \(ByteCount(result.packed.arenaSize)) (activations, planned offline)",
      "file        \(output): \(ByteCount(result.bytes.count)) (weights \(ByteCount(weightBytes)) raw)",
    ]
    if let quantization = result.quantization {
      lines += Self.lines(quantization)
    } else if let verification = result.verification {
      lines.append("verified    runtime vs reference engine on probe inputs: \(verification)")
    } else {
      lines.append("verified    skipped (--no-verify)")
    }
    return lines.joined(separator: "\n")
  }
}
