import Foundation
import Testing

@testable import SlimCompiler

/// The pruned `.onnx` in onnxruntime gives what slim's reference engine computes for the
/// pruned graph (skipped, saying so, without python3 + onnxruntime).
@Suite struct ONNXPruneOnnxRuntimeTests {
  @Test(arguments: ONNXPruneTests.cases)
  func prunedModelRunsInOnnxRuntime(model: String, ratio: Double) throws {
    if let reason = ONNXRuntimeRunner.unavailable {
      print("onnx-prune-ort: skipped: \(reason)")
      return
    }
    let output = try ONNXPruneTests.prune(model, ratio: ratio)
    let path = try ONNXPruneTests.write(output.bytes, name: "pruned.onnx")
    let inputs = try ONNXRealGraphTests.inputs()
    let ort = try ONNXRuntimeRunner.run(model: path, inputs: inputs, shape: [1, 3, 64, 64])
    var worst: Comparison?
    for (input, theirs) in zip(inputs, ort) {
      let ours = try ReferenceEngine.run(output.result.pruned, inputs: [Tensor(shape: [1, 3, 64, 64], scalars: input)])
      let comparison = Comparison(candidate: theirs, reference: ours[0].scalars)
      #expect(comparison.relativeDifference <= 1e-4, "\(model) at \(ratio): \(comparison)")
      worst = Comparison.worst([worst, comparison].compactMap { $0 })
    }
    print("onnx-prune-ort: \(model) l1 \(ratio): onnxruntime vs reference engine \(worst.map { "\($0)" } ?? "-")")
  }
}
