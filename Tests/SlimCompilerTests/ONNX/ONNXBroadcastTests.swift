import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// Mul and Add with a per-channel or scalar constant (folded into the preceding conv, or
/// a standalone depthwise scale-and-shift), Mul of two values of one shape, and the
/// squeeze-excitation gate `x · sigmoid(conv(GlobalAveragePool(x)))` broadcast from
/// `[1, C, 1, 1]` over `[1, C, H, W]`: the packed file on SlimRuntime agrees with the
/// reference engine; other broadcasts are refused, and a hostile file gets a typed error.
@Suite struct ONNXBroadcastTests {
  typealias B = ONNXModelBuilder

  static func floats(_ count: Int, seed: UInt64) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float.random(in: -1...1, using: &rng) }
  }

  static let weights = [
    B.floats("w", [2, 2, 1, 1], floats(4, seed: 1)), B.floats("b", [2], floats(2, seed: 2)),
  ]

  /// Imports, optimizes, packs; runs the file and the reference engine on random inputs
  /// of three scales and compares (relative 1e-4 of the output's largest magnitude).
  static func check(_ nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto]) throws -> PackedModel {
    let graph = try ONNXImporter.importGraph(try B.model(nodes, initializers: initializers), directory: nil)
    let packed = try Lowering.lower(Optimizer.optimize(graph).graph)
    let bytes = try SlimWriter.serialize(packed, compression: .none)
    let inputs = [1, 5, 50].enumerated().map { k, scale in floats(32, seed: 10 + UInt64(k)).map { $0 * Float(scale) } }
    let outputs = try RuntimeProbe.run(bytes, inputs: inputs)
    for (input, output) in zip(inputs, outputs) {
      let reference = try ReferenceEngine.run(graph, inputs: [Tensor(shape: [1, 2, 4, 4], scalars: input)])[0]
      let comparison = Comparison(candidate: output, reference: reference.scalars)
      #expect(comparison.within(1e-4), "\(nodes.map(\.opType)): \(comparison)")
    }
    return packed
  }

  @Test(arguments: [[2, 1, 1], [1, 2, 1, 1], [], [1]] as [[Int64]])
  func constantMulAndAddAfterConvFoldIntoIt(shape: [Int64]) throws {
    let count = shape.reduce(1, *) == 1 ? 1 : 2
    let packed = try Self.check(
      [
        B.node("Conv", ["x", "w", "b"], ["c"]), B.node("Mul", ["c", "s"], ["m"]), B.node("Add", ["t", "m"], ["a"]),
        B.node("Relu", ["a"], ["y"]),
      ],
      initializers: Self.weights + [
        B.floats("s", shape, Self.floats(count, seed: 3)), B.floats("t", shape, Self.floats(count, seed: 4)),
      ])
    // Scale, shift and ReLU all end up in the one convolution.
    #expect(packed.operators.map(\.opcode) == [.conv2d])
    #expect(packed.operators[0].activation == .relu)
  }

  @Test func standaloneConstantMulAndAddAreDepthwiseScaleAndShift() throws {
    let packed = try Self.check(
      [B.node("Mul", ["x", "s"], ["m"]), B.node("Add", ["m", "t"], ["y"])],
      initializers: [B.floats("s", [1, 2, 1, 1], [0.5, -3]), B.floats("t", [], [0.25])])
    // No producer to fold into: each is a depthwise 1x1 convolution (two standalone
    // scale-and-shifts in a row are not merged yet).
    #expect(packed.operators.map(\.opcode) == [.conv2d, .conv2d])
    #expect(packed.operators.allSatisfy { $0.params.last == 2 })
  }

  @Test(arguments: [false, true])
  func squeezeExcitationGateBroadcastsOverTheImage(gateFirst: Bool) throws {
    let packed = try Self.check(
      [
        B.node("GlobalAveragePool", ["x"], ["p"]), B.node("Conv", ["p", "w", "b"], ["c"]),
        B.node("Sigmoid", ["c"], ["g"]), B.node("Mul", gateFirst ? ["g", "x"] : ["x", "g"], ["y"]),
      ], initializers: Self.weights)
    #expect(packed.operators.map(\.opcode) == [.globalAvgPool, .conv2d, .mul])
    #expect(packed.operators[1].activation == .sigmoid)
  }

  @Test func mulAndAddOfValuesOfOneShapeAndPerChannelAdd() throws {
    let packed = try Self.check(
      [
        B.node("Relu", ["x"], ["r"]), B.node("Mul", ["x", "r"], ["m"]), B.node("GlobalAveragePool", ["m"], ["p"]),
        B.node("Add", ["p", "m"], ["y"]),
      ], initializers: [])
    #expect(packed.operators.map(\.opcode) == [.activation, .mul, .globalAvgPool, .add])
  }

  func importError(_ nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto] = []) throws -> String {
    do {
      _ = try ONNXImporter.importGraph(try B.model(nodes, initializers: initializers), directory: nil)
      return "imported"
    } catch { return "\(error)" }
  }

  @Test func otherBroadcastsAreRefusedNamingNodeAndShapes() throws {
    #expect(
      try importError([B.node("Mul", ["x", "s"], ["y"], name: "m")], initializers: [B.floats("s", [3], [1, 2, 3])])
        == "operator Mul (node 'm', opset 13): attribute 'broadcast' of [1, 2, 4, 4] and [3] "
        + "(operands must broadcast to one shape of rank 1...4) is not supported")
    #expect(
      try importError(
        [B.node("Add", ["x", "s"], ["y"], name: "a")], initializers: [B.floats("s", [2, 1, 1], [1, .nan])])
        == "operator Add (node 'a', opset 13): attribute 'constant' with NaN or infinite values is not supported")
    #expect(
      try importError([
        B.node("GlobalAveragePool", ["x"], ["p"]), B.node("Flatten", ["p"], ["f"]),
        B.node("Mul", ["x", "f"], ["y"], name: "m"),
      ])
        == "operator Mul (node 'm', opset 13): attribute 'broadcast' of [1, 2, 4, 4] and [1, 2] "
        + "(operands must broadcast to one shape of rank 1...4) is not supported")
  }

  /// A file whose mul operands do not broadcast (numpy's rule, format 1.3) is rejected at
  /// load with the operand named, one whose output is not their broadcast with
  /// `outputShape`; broadcasting ones load.
  @Test(arguments: [[1, 4, 1, 1], [1, 4, 8, 1], [8], [1, 1, 1, 1], [4], [1, 4, 8, 3], [2, 4, 8, 8]] as [[Int]])
  func hostileBroadcastShapeIsATypedError(b: [Int]) throws {
    let tensors = [[1, 4, 8, 8], b, [1, 4, 8, 8]].map {
      PackedModel.TensorEntry(shape: $0, storage: .activation(arenaOffset: 0))
    }
    var model = PackedModel(
      tensors: tensors, operators: [PackedModel.OperatorEntry(opcode: .mul, inputs: [0, 1], outputs: [2])],
      inputs: [0, 1], outputs: [2], arenaSize: 0, metadata: [])
    model.planArena()
    let outcome = Result { () throws(SlimError) in
      try SlimModel(copying: try! SlimWriter.serialize(model, compression: .none))
    }
    let broadcasts = [[1, 4, 1, 1], [1, 4, 8, 1], [8], [1, 1, 1, 1]].contains(b)
    switch (broadcasts, outcome) {
    case (true, .success): break
    // [2, 4, 8, 8] broadcasts, but to another shape than the stored output's.
    case (false, .failure(.invalidOperator(index: 0, reason: .outputShape))) where b == [2, 4, 8, 8]: break
    case (false, .failure(.invalidOperator(index: 0, reason: .operandShape(operand: 1)))) where b != [2, 4, 8, 8]: break
    default: Issue.record("b \(b): \(outcome)")
    }
  }
}
