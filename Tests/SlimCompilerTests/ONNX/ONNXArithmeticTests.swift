import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// Add/Sub/Mul/Div with numpy broadcasting: per-channel constants fold into the preceding
/// conv (Sub c as a shift −c, Div c as a scale 1/c), other constants (`[W]`, full shape,
/// constant first) and value pairs run as the format's element-wise opcodes; each packed
/// file agrees with the reference engine (`ONNXBroadcastTests.check`, relative 1e-4).
@Suite struct ONNXArithmeticTests {
  typealias B = ONNXModelBuilder
  static func check(_ nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto]) throws -> PackedModel {
    try ONNXBroadcastTests.check(nodes, initializers: initializers)
  }
  static let weights = ONNXBroadcastTests.weights

  static func constant(_ name: String, _ dims: [Int64], seed: UInt64, awayFromZero: Bool = true) -> Onnx_TensorProto {
    let values = ONNXBroadcastTests.floats(Int(dims.reduce(1, *)), seed: seed)
    return B.floats(name, dims, awayFromZero ? values.map { $0 < 0 ? $0 - 0.5 : $0 + 0.5 } : values)
  }

  @Test(arguments: ["Sub", "Div"], [[2, 1, 1], [1, 2, 1, 1], []] as [[Int64]])
  func perChannelSubAndDivAfterConvFoldIntoIt(op: String, shape: [Int64]) throws {
    let packed = try Self.check(
      [B.node("Conv", ["x", "w", "b"], ["c"]), B.node(op, ["c", "s"], ["y"])],
      initializers: Self.weights + [Self.constant("s", shape, seed: 5)])
    #expect(packed.operators.map(\.opcode) == [.conv2d])
  }

  @Test func constantMinusValueIsANegatingScaleAndShift() throws {
    let packed = try Self.check(
      [B.node("Sub", ["s", "x"], ["y"])], initializers: [Self.constant("s", [2, 1, 1], seed: 6)])
    #expect(packed.operators.map(\.opcode) == [.conv2d])
  }

  /// `x ∘ c` for a `[W]`, a full-shape and a `[1, 1, H, 1]` constant, and `c ∘ x`: one
  /// element-wise record reading the constant, in the ONNX operand order.
  @Test(
    arguments: ["Add", "Sub", "Mul", "Div"],
    [([4], false), ([1, 2, 4, 4], false), ([1, 1, 4, 1], false), ([4], true), ([2, 4, 4], true)] as [([Int64], Bool)])
  func nonChannelConstantIsAnElementwiseRecord(op: String, operand: ([Int64], Bool)) throws {
    let (shape, constantFirst) = operand
    let packed = try Self.check(
      [B.node(op, constantFirst ? ["s", "x"] : ["x", "s"], ["y"])],
      initializers: [Self.constant("s", shape, seed: 7)])
    let opcode: SlimOpcode = ["Add": .add, "Sub": .sub, "Mul": .mul, "Div": .div][op]!
    #expect(packed.operators.map(\.opcode) == [opcode])
    let constantOperand = constantFirst ? 0 : 1
    let tensor = packed.tensors[packed.operators[0].inputs[constantOperand]]
    #expect(tensor.shape == shape.map(Int.init))
    guard case .constant = tensor.storage else {
      Issue.record("operand \(constantOperand) is not the constant")
      return
    }
  }

  /// Sub and Div of two values, the per-channel one first and second, fused ReLU.
  @Test(arguments: ["Sub", "Div"], [false, true])
  func subAndDivOfTwoValuesBroadcast(op: String, smallFirst: Bool) throws {
    let packed = try Self.check(
      [
        B.node("GlobalAveragePool", ["x"], ["p"]), B.node("Sigmoid", ["p"], ["g"]),
        B.node(op, smallFirst ? ["g", "x"] : ["x", "g"], ["d"]), B.node("Relu", ["d"], ["y"]),
      ], initializers: [])
    #expect(packed.operators.map(\.opcode) == [.globalAvgPool, .activation, op == "Sub" ? .sub : .div])
    #expect(packed.operators[2].activation == .relu)
  }

  /// Div by a channel whose reciprocal is not a normal float stays a division.
  @Test func divByATinyConstantIsNotAReciprocalScale() throws {
    let packed = try Self.check(
      [B.node("Div", ["x", "s"], ["y"])], initializers: [B.floats("s", [2, 1, 1], [1e38, 2])])
    #expect(packed.operators.map(\.opcode) == [.div])
  }

  static func int64s(_ name: String, _ values: [Int64]) -> Onnx_TensorProto {
    var tensor = Onnx_TensorProto()
    tensor.name = name
    tensor.dims = [Int64(values.count)]
    tensor.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
    tensor.int64Data = values
    return tensor
  }

  @Test func integerDivisionByZeroInConstantsIsRefused() throws {
    let model = try B.model(
      [B.node("Div", ["a", "b"], ["q"], name: "q"), B.node("Relu", ["x"], ["y"])],
      initializers: [Self.int64s("a", [4, 6]), Self.int64s("b", [2, 0])])
    let error = try #require(throws: ONNXImportError.self) { try ONNXImporter.importGraph(model, directory: nil) }
    #expect("\(error)".contains("integer division by zero"), "\(error)")
  }

  /// An element-wise record may write over `a` only when `a` has the output's size: a
  /// per-channel `a` aliased to the output would be overwritten while still being read.
  @Test func inPlaceOverABroadcastOperandIsATypedError() throws {
    let tensors = [([1, 4, 8, 8], 0), ([1, 4, 1, 1], 1024), ([1, 4, 8, 8], 1024)].map {
      PackedModel.TensorEntry(shape: $0.0, storage: .activation(arenaOffset: $0.1))
    }
    let model = PackedModel(
      tensors: tensors,
      operators: [
        PackedModel.OperatorEntry(opcode: .globalAvgPool, inputs: [0], outputs: [1]),
        PackedModel.OperatorEntry(opcode: .sub, inputs: [1, 0], outputs: [2]),
      ], inputs: [0], outputs: [2], arenaSize: 2048, metadata: [])
    let outcome = Result { () throws(SlimError) in
      try SlimModel(copying: try! SlimWriter.serialize(model, compression: .none))
    }
    guard case .failure(.invalidOperator(index: 1, reason: .outputOverlapsLiveTensor(tensor: 1))) = outcome else {
      Issue.record("\(outcome)")
      return
    }
  }
}
