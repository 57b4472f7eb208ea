import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// Pad (constant mode, value 0, H and W): merged into a following conv's or counting
/// average pool's padding, kept as a `pad` record before a max pool or standalone; the
/// packed file agrees with the reference engine, and other modes are refused by name.
@Suite struct ONNXPadTests {
  typealias B = ONNXModelBuilder

  static func ints(_ node: Onnx_NodeProto, _ attributes: [(String, [Int64])]) -> Onnx_NodeProto {
    var node = node
    for (name, values) in attributes {
      var attribute = Onnx_AttributeProto()
      attribute.name = name
      if values.count == 1 && name != "kernel_shape" {
        attribute.type = .int
        attribute.i = values[0]
      } else {
        attribute.type = .ints
        attribute.ints = values
      }
      node.attribute.append(attribute)
    }
    return node
  }

  static let pads = ONNXArithmeticTests.int64s("pads", [0, 0, 1, 2, 0, 0, 2, 1])

  /// Imports, optimizes, packs and compares the runtime with the reference engine on
  /// random inputs (relative 1e-4); returns the packed model.
  static func check(_ nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto], output: [Int64]) throws
    -> PackedModel
  {
    let graph = try ONNXImporter.importGraph(
      try B.model(nodes, initializers: initializers, output: output), directory: nil)
    let packed = try Lowering.lower(Optimizer.optimize(graph).graph)
    let bytes = try SlimWriter.serialize(packed, compression: .none)
    let inputs = [1, 50].enumerated().map { k, scale in
      ONNXBroadcastTests.floats(32, seed: 20 + UInt64(k)).map { $0 * Float(scale) }
    }
    let outputs = try RuntimeProbe.run(bytes, inputs: inputs)
    for (input, output) in zip(inputs, outputs) {
      let reference = try ReferenceEngine.run(graph, inputs: [Tensor(shape: [1, 2, 4, 4], scalars: input)])[0]
      #expect(output.count == reference.count)
      let comparison = Comparison(candidate: output, reference: reference.scalars)
      #expect(comparison.within(1e-4), "\(nodes.map(\.opType)): \(comparison)")
    }
    return packed
  }

  @Test func padBeforeConvBecomesItsPadding() throws {
    let weight = B.floats("w", [2, 2, 3, 3], ONNXBroadcastTests.floats(36, seed: 3))
    let packed = try Self.check(
      [B.node("Pad", ["x", "pads"], ["p"]), B.node("Conv", ["p", "w"], ["y"])],
      initializers: [Self.pads, weight], output: [1, 2, 5, 5])
    #expect(packed.operators.map(\.opcode) == [.conv2d])
    // strideH, strideW, then top, left, bottom, right.
    #expect(Array(packed.operators[0].params[2..<6]) == [1, 2, 2, 1])
  }

  @Test func padBeforeCountingAveragePoolBecomesItsPadding() throws {
    let pool = Self.ints(
      B.node("AveragePool", ["p"], ["y"]),
      [("kernel_shape", [3, 3]), ("strides", [1, 1]), ("count_include_pad", [1])])
    let packed = try Self.check(
      [B.node("Pad", ["x", "pads"], ["p"]), pool], initializers: [Self.pads], output: [1, 2, 5, 5])
    #expect(packed.operators.map(\.opcode) == [.avgPool2d])
  }

  /// A pad of another value than 0 is not a conv's zero padding: it stays, with its value.
  @Test func nonZeroPadBeforeConvStaysAPadRecord() throws {
    let weight = B.floats("w", [2, 2, 3, 3], ONNXBroadcastTests.floats(36, seed: 3))
    let packed = try Self.check(
      [B.node("Pad", ["x", "pads", "v"], ["p"]), B.node("Conv", ["p", "w"], ["y"])],
      initializers: [Self.pads, weight, B.floats("v", [], [0.5])], output: [1, 2, 5, 5])
    #expect(packed.operators.map(\.opcode) == [.pad, .conv2d])
    #expect(packed.operators[0].params == [1, 2, 2, 1, Int32(bitPattern: Float(0.5).bitPattern)])
  }

  /// Max pooling's padding never wins, a padded zero can: the pad stays. So does a pad
  /// before an average pool that excludes padding, and a standalone one.
  @Test(arguments: ["MaxPool", "AveragePool", ""])
  func otherPadsStayPadRecords(consumer: String) throws {
    var nodes = [B.node("Pad", ["x", "pads"], [consumer.isEmpty ? "y" : "p"])]
    if !consumer.isEmpty {
      nodes.append(Self.ints(B.node(consumer, ["p"], ["y"]), [("kernel_shape", [3, 3]), ("strides", [1, 1])]))
    }
    let packed = try Self.check(
      nodes, initializers: [Self.pads], output: consumer.isEmpty ? [1, 2, 7, 7] : [1, 2, 5, 5])
    #expect(packed.operators.first?.opcode == .pad)
    #expect(packed.operators.first?.params == [1, 2, 2, 1, 0])
    #expect(packed.operators.count == (consumer.isEmpty ? 1 : 2))
  }

  func importError(_ nodes: [Onnx_NodeProto], _ initializers: [Onnx_TensorProto]) -> String {
    do {
      _ = try ONNXImporter.importGraph(try B.model(nodes, initializers: initializers), directory: nil)
      return "imported"
    } catch { return "\(error)" }
  }

  @Test func otherModesValuesAndAxesAreRefusedByName() {
    var reflect = B.node("Pad", ["x", "pads"], ["y"], name: "p")
    var mode = Onnx_AttributeProto()
    mode.name = "mode"
    mode.type = .string
    mode.s = Data("reflect".utf8)
    reflect.attribute = [mode]
    #expect(importError([reflect], [Self.pads]).contains("attribute 'mode' = reflect (only constant is)"))
    let valued = importError(
      [B.node("Pad", ["x", "pads", "v"], ["y"])], [Self.pads, B.floats("v", [], [.infinity])])
    #expect(valued.contains("attribute 'constant_value' = inf (only finite values are)"), "\(valued)")
    let channels = importError(
      [B.node("Pad", ["x", "c"], ["y"])], [ONNXArithmeticTests.int64s("c", [0, 1, 0, 0, 0, 0, 0, 0])])
    #expect(channels.contains("on the batch or channel axis"), "\(channels)")
    let negative = importError(
      [B.node("Pad", ["x", "c"], ["y"])], [ONNXArithmeticTests.int64s("c", [0, 0, -1, 0, 0, 0, 0, 0])])
    #expect(negative.contains("negative"), "\(negative)")
  }

  /// Hostile pad records: a negative or huge pad, a NaN value, a missing param or an
  /// output of another shape is a typed error at load.
  @Test(
    arguments: [
      ([-1, 0, 0, 0, 0], [1, 2, 3, 4]), ([0, 0, 0, 1 << 25, 0], [1, 2, 4, 4]), ([1, 0, 0, 0, 0], [1, 2, 4, 4]),
      ([0, 0, 0, 0, Int32(bitPattern: Float.nan.bitPattern)], [1, 2, 4, 4]), ([0, 0, 0, 0], [1, 2, 4, 4]),
    ] as [([Int32], [Int])])
  func hostilePadRecordIsATypedError(params: [Int32], output: [Int]) {
    let tensors = [[1, 2, 4, 4], output].map {
      PackedModel.TensorEntry(shape: $0, storage: .activation(arenaOffset: 0))
    }
    var model = PackedModel(
      tensors: tensors, operators: [PackedModel.OperatorEntry(opcode: .pad, inputs: [0], outputs: [1], params: params)],
      inputs: [0], outputs: [1], arenaSize: 0, metadata: [])
    model.planArena()
    let outcome = Result { () throws(SlimError) in
      try SlimModel(copying: try! SlimWriter.serialize(model, compression: .none))
    }
    switch outcome {
    case .failure(.invalidOperator(index: 0, reason: .param(index: 0))) where params[0] < 0: break
    case .failure(.invalidOperator(index: 0, reason: .param(index: 3))) where params[3] > 1 << 24: break
    case .failure(.invalidOperator(index: 0, reason: .outputShape)) where params == [1, 0, 0, 0, 0]: break
    case .failure(.invalidOperator(index: 0, reason: .param(index: 4))) where params.count == 5 && params[4] != 0: break
    case .failure(.invalidOperator(index: 0, reason: .paramCount(4))) where params.count == 4: break
    default: Issue.record("\(params) → \(output): \(outcome)")
    }
  }
}
