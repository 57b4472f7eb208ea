import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// Resize/Upsample in nearest mode by integer factors: one `upsampleNearest` record whose
/// result agrees with the reference engine; other modes and factors are refused by name.
@Suite struct ONNXResizeTests {
  typealias B = ONNXModelBuilder

  static func strings(_ node: Onnx_NodeProto, _ attributes: [(String, String)]) -> Onnx_NodeProto {
    var node = node
    for (name, value) in attributes {
      var attribute = Onnx_AttributeProto()
      attribute.name = name
      attribute.type = .string
      attribute.s = Data(value.utf8)
      node.attribute.append(attribute)
    }
    return node
  }

  @Test(arguments: [
    ("half_pixel", "round_prefer_floor"), ("asymmetric", "floor"), ("pytorch_half_pixel", "round_prefer_floor"),
  ])
  func integerNearestUpsamplingIsOneRecord(transform: String, rounding: String) throws {
    let node = Self.strings(
      B.node("Resize", ["x", "", "s"], ["y"]),
      [("mode", "nearest"), ("coordinate_transformation_mode", transform), ("nearest_mode", rounding)])
    let graph = try ONNXImporter.importGraph(
      try B.model([node], initializers: [B.floats("s", [4], [1, 1, 2, 3])], output: [1, 2, 8, 12]), directory: nil)
    let packed = try Lowering.lower(Optimizer.optimize(graph).graph)
    #expect(packed.operators.map(\.opcode) == [.upsampleNearest])
    #expect(packed.operators[0].params == [2, 3])
    let input = ONNXBroadcastTests.floats(32, seed: 9)
    let output = try RuntimeProbe.run(try SlimWriter.serialize(packed, compression: .none), inputs: [input])[0]
    let reference = try ReferenceEngine.run(graph, inputs: [Tensor(shape: [1, 2, 4, 4], scalars: input)])[0]
    #expect(output == reference.scalars)
    // Output (c, y, x) is input (c, y / 2, x / 3).
    #expect(output[1 * 96 + 5 * 12 + 7] == input[1 * 16 + 2 * 4 + 2])
  }

  func importError(_ node: Onnx_NodeProto, scales: [Float]) -> String {
    do {
      _ = try ONNXImporter.importGraph(try B.model([node], initializers: [B.floats("s", [4], scales)]), directory: nil)
      return "imported"
    } catch { return "\(error)" }
  }

  @Test func otherModesAndFactorsAreRefusedByName() {
    let linear = Self.strings(B.node("Resize", ["x", "", "s"], ["y"]), [("mode", "linear")])
    #expect(importError(linear, scales: [1, 1, 2, 2]).contains("attribute 'mode' = linear (only nearest is)"))
    let nearest = B.node("Resize", ["x", "", "s"], ["y"])
    #expect(importError(nearest, scales: [1, 1, 0.5, 0.5]).contains("only upsampling by integer factors"))
    #expect(importError(nearest, scales: [1, 1, 1.5, 2]).contains("only upsampling by integer factors"))
    #expect(importError(nearest, scales: [1, 2, 2, 2]).contains("resizing N or C"))
    let ceil = Self.strings(nearest, [("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "ceil")])
    #expect(importError(ceil, scales: [1, 1, 2, 2]).contains("attribute 'coordinate_transformation_mode'"))
  }

  /// Hostile records: a factor of 0, one whose output would exceed 2^24, or an output of
  /// another shape is a typed error at load.
  @Test(
    arguments: [([0, 1], [1, 2, 4, 4]), ([1, 1 << 23], [1, 2, 4, 4]), ([2, 2], [1, 2, 8, 4])] as [([Int32], [Int])])
  func hostileUpsampleRecordIsATypedError(params: [Int32], output: [Int]) {
    let tensors = [[1, 2, 4, 4], output].map {
      PackedModel.TensorEntry(shape: $0, storage: .activation(arenaOffset: 0))
    }
    var model = PackedModel(
      tensors: tensors,
      operators: [PackedModel.OperatorEntry(opcode: .upsampleNearest, inputs: [0], outputs: [1], params: params)],
      inputs: [0], outputs: [1], arenaSize: 0, metadata: [])
    model.planArena()
    let outcome = Result { () throws(SlimError) in
      try SlimModel(copying: try! SlimWriter.serialize(model, compression: .none))
    }
    switch outcome {
    case .failure(.invalidOperator(index: 0, reason: .param(index: 0))) where params[0] == 0: break
    case .failure(.invalidOperator(index: 0, reason: .param(index: 1))) where params[1] == 1 << 23: break
    case .failure(.invalidOperator(index: 0, reason: .outputShape)) where params == [2, 2]: break
    default: Issue.record("\(params) → \(output): \(outcome)")
    }
  }
}
