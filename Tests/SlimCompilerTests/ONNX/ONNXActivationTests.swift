import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// LeakyRelu, Sigmoid, HardSigmoid, HardSwish and Clip with any constant bounds: the
/// importer reads every attribute/opset variant, fusion moves each into the conv that
/// produces its input (or it stays a standalone activation), and the packed file run on
/// SlimRuntime agrees with the reference engine. Refused variants name op, node and opset.
@Suite struct ONNXActivationTests {
  typealias B = ONNXModelBuilder

  struct Variant: CustomStringConvertible, Sendable {
    var label: String
    /// The activation node reading `input` and writing `output`.
    var node: @Sendable (_ input: String, _ output: String) -> Onnx_NodeProto
    var initializers: [Onnx_TensorProto] = []
    var opset: Int64 = 13
    var expected: SlimActivation
    var description: String { label }
  }

  static let variants: [Variant] = [
    Variant(
      label: "LeakyRelu alpha 0.1", node: { B.with(B.node("LeakyRelu", [$0], [$1]), floats: [("alpha", 0.1)]) },
      expected: .leakyRelu(alpha: 0.1)),
    Variant(label: "LeakyRelu default", node: { B.node("LeakyRelu", [$0], [$1]) }, expected: .leakyRelu(alpha: 0.01)),
    Variant(label: "Sigmoid", node: { B.node("Sigmoid", [$0], [$1]) }, expected: .sigmoid),
    Variant(
      label: "HardSigmoid default", node: { B.node("HardSigmoid", [$0], [$1]) },
      expected: .hardSigmoid(alpha: 0.2, beta: 0.5)),
    Variant(
      label: "HardSigmoid 0.3, -0.1",
      node: { B.with(B.node("HardSigmoid", [$0], [$1]), floats: [("alpha", 0.3), ("beta", -0.1)]) },
      expected: .hardSigmoid(alpha: 0.3, beta: -0.1)),
    Variant(label: "HardSwish", node: { B.node("HardSwish", [$0], [$1]) }, opset: 14, expected: .hardSwish),
    Variant(
      label: "Clip-10 attributes",
      node: { B.with(B.node("Clip", [$0], [$1]), floats: [("min", -0.5), ("max", 0.7)]) }, opset: 10,
      expected: .clip(min: -0.5, max: 0.7)),
    Variant(
      label: "Clip-10 max only", node: { B.with(B.node("Clip", [$0], [$1]), floats: [("max", 0.7)]) }, opset: 10,
      expected: .clip(min: -.greatestFiniteMagnitude, max: 0.7)),
    Variant(
      label: "Clip-13 min input only", node: { B.node("Clip", [$0, "lo"], [$1]) },
      initializers: [B.floats("lo", [], [-0.25])], expected: .clip(min: -0.25, max: .infinity)),
    Variant(
      label: "Clip-13 max input only", node: { B.node("Clip", [$0, "", "hi"], [$1]) },
      initializers: [B.floats("hi", [], [0.5])], expected: .clip(min: -.infinity, max: 0.5)),
    Variant(
      label: "Clip-13 min > max", node: { B.node("Clip", [$0, "lo", "hi"], [$1]) },
      initializers: [B.floats("lo", [], [1]), B.floats("hi", [], [0.5])], expected: .clip(min: 0.5, max: 0.5)),
    Variant(
      label: "Clip-11 [0, 6] is ReLU6", node: { B.node("Clip", [$0, "lo", "hi"], [$1]) },
      initializers: [B.floats("lo", [], [0]), B.floats("hi", [], [6])], opset: 11, expected: .relu6),
  ]

  /// `x` through a 1x1 convolution (with bias) into the activation when `fused`, else the
  /// activation straight on `x`.
  static func model(_ variant: Variant, fused: Bool) throws -> Data {
    var rng = SplitMix64(seed: 91)
    let weights = [B.floats("w", [2, 2, 1, 1], floats(4, &rng)), B.floats("b", [2], floats(2, &rng))]
    let nodes =
      fused
      ? [B.node("Conv", ["x", "w", "b"], ["c"], name: "conv"), variant.node("c", "y")]
      : [variant.node("x", "y")]
    return try B.model(nodes, initializers: variant.initializers + (fused ? weights : []), opset: variant.opset)
  }

  /// Packs `graph` without verification (the test compares itself).
  static func pack(_ graph: Graph) throws -> (packed: PackedModel, bytes: [UInt8]) {
    let packed = try Lowering.lower(Optimizer.optimize(graph).graph)
    return (packed, try SlimWriter.serialize(packed, compression: .none))
  }

  static func floats(_ count: Int, _ rng: inout SplitMix64) -> [Float] {
    (0..<count).map { _ in Float.random(in: -1...1, using: &rng) }
  }

  /// Random inputs at several scales so every saturation and tail is reached.
  static func inputs() -> [[Float]] {
    var rng = SplitMix64(seed: 5)
    return [1, 4, 40].map { scale in floats(32, &rng).map { $0 * scale } }
  }

  @Test(arguments: variants, [true, false])
  func packedModelMatchesReference(variant: Variant, fused: Bool) throws {
    let graph = try ONNXImporter.importGraph(try Self.model(variant, fused: fused), directory: nil)
    let (packed, bytes) = try Self.pack(graph)
    // One operator either way: the activation fused into the conv, or standalone.
    #expect(packed.operators.count == 1)
    #expect(packed.operators[0].opcode == (fused ? .conv2d : .activation))
    #expect(packed.operators[0].activation == variant.expected)
    let model = try SlimModel(copying: bytes)
    #expect(model.operators[0].activation == variant.expected)
    let outputs = try RuntimeProbe.run(bytes, inputs: Self.inputs())
    for (input, output) in zip(Self.inputs(), outputs) {
      let reference = try ReferenceEngine.run(graph, inputs: [Tensor(shape: [1, 2, 4, 4], scalars: input)])[0].scalars
      let comparison = Comparison(candidate: output, reference: reference)
      #expect(comparison.within(1e-4), "\(variant) fused \(fused): \(comparison)")
      if !fused {
        for (y, r) in zip(output, reference) {
          #expect(abs(Double(y) - Double(r)) <= 1e-4 * abs(Double(r)) + 1e-30, "\(variant): \(y) vs \(r)")
        }
      }
    }
  }

  func importError(_ nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto] = [], opset: Int64 = 13) throws
    -> String
  {
    do {
      _ = try ONNXImporter.importGraph(try B.model(nodes, initializers: initializers, opset: opset), directory: nil)
      return "imported"
    } catch { return "\(error)" }
  }

  @Test func refusedVariantsNameOperatorNodeAndOpset() throws {
    #expect(
      try importError([B.node("HardSwish", ["x"], ["y"], name: "hs")], opset: 13)
        == "operator HardSwish (node 'hs', opset 13) is not supported")
    #expect(
      try importError([B.with(B.node("LeakyRelu", ["x"], ["y"], name: "lr"), floats: [("alpha", .infinity)])])
        == "operator LeakyRelu (node 'lr', opset 13): attribute 'alpha' = inf (only finite values are) is not supported"
    )
    #expect(
      try importError(
        [B.with(B.node("HardSigmoid", ["x"], ["y"], name: "hsig"), floats: [("beta", .nan)])], opset: 9)
        == "operator HardSigmoid (node 'hsig', opset 9): attribute 'beta' = nan (only finite values are) is not supported"
    )
    #expect(
      try importError([B.with(B.node("Clip", ["x"], ["y"], name: "c"), floats: [("min", 0)])], opset: 13)
        == "operator Clip (node 'c', opset 13): attribute 'min' (not implemented for this operator) is not supported")
    #expect(
      try importError(
        [B.node("Clip", ["x", "lo"], ["y"], name: "c")], initializers: [B.floats("lo", [], [.nan])], opset: 12)
        == "operator Clip (node 'c', opset 12): attribute 'min/max' = [nan, inf] (NaN bounds) is not supported")
    #expect(
      try importError([B.node("Clip", ["x", "x"], ["y"], name: "c")], opset: 10)
        == "operator Clip (node 'c'): takes one input before opset 11")
    #expect(
      try importError([B.with(B.node("Sigmoid", ["x"], ["y"], name: "s"), floats: [("alpha", 1)])])
        == "operator Sigmoid (node 's', opset 13): attribute 'alpha' (not implemented for this operator) is not supported"
    )
  }

  /// A packed activation parameter changed to NaN, or clip bounds out of order, is a
  /// typed error at load naming the operator and the parameter (checksums repaired, so
  /// the validation itself is what catches it).
  @Test(arguments: [
    (Activation.leakyRelu(alpha: 0.3125), 0, Float.nan),
    (.hardSigmoid(alpha: 0.3125, beta: 0.5), 0, .infinity),
    (.clip(min: 0.3125, max: 2), 0, .nan),
    (.clip(min: 0.3125, max: 2), 0, 3),
  ])
  func hostileActivationParameterIsATypedError(activation: Activation, parameter: Int, value: Float) throws {
    var graph = Graph()
    let x = graph.addInput(name: "x", shape: [1, 2, 4, 4])
    let y = try graph.append(.activation(activation), name: "act", inputs: [x])
    graph.outputs = [y]
    var bytes = try Self.pack(graph).bytes
    // 0.3125 is 0x3EA00000, which occurs nowhere else in this small file.
    let needle: [UInt8] = [0x00, 0x00, 0xA0, 0x3E]
    let hits = (0...(bytes.count - 4)).filter { Array(bytes[$0..<$0 + 4]) == needle }
    try #require(hits.count == 1)
    let bits = value.bitPattern
    for k in 0..<4 { bytes[hits[0] + k] = UInt8(truncatingIfNeeded: bits >> (8 * k)) }
    SlimChecksums.repair(&bytes)
    let outcome = Result { () throws(SlimError) in try SlimModel(copying: bytes) }
    guard case .failure(.invalidOperator(index: 0, reason: .activationParameter(let index))) = outcome else {
      Issue.record("\(activation) with parameter \(parameter) = \(value): \(outcome)")
      return
    }
    // Clip's min above max is reported on max, the second bound.
    #expect(index == (value == 3 ? 1 : parameter))
  }

  /// An unknown activation code, or a parameterized code on a record without room for
  /// its parameters, is a typed error at load.
  @Test(arguments: [
    (UInt8(8), SlimError.OperatorProblem.unknownActivation(8)), (3, .paramCount(0)), (5, .paramCount(0)),
  ])
  func badActivationCodeIsATypedError(code: UInt8, expected: SlimError.OperatorProblem) throws {
    var graph = Graph()
    let x = graph.addInput(name: "x", shape: [1, 2, 4, 4])
    graph.outputs = [try graph.append(.activation(.hardSwish), name: "act", inputs: [x])]
    var bytes = try Self.pack(graph).bytes
    let layout = SlimFileLayout(bytes)
    let grph = layout.sections.first { $0.tag == SlimFormat.graphTag }!.range
    // The first operator record follows the 16-byte header, two tensor indices and two descriptors.
    let record = grph.lowerBound + 16 + 8 + 2 * 48
    #expect(bytes[record + 6] == 6)
    bytes[record + 6] = code
    SlimChecksums.repair(&bytes)
    let outcome = Result { () throws(SlimError) in try SlimModel(copying: bytes) }
    guard case .failure(.invalidOperator(index: 0, let reason)) = outcome, reason == expected else {
      Issue.record("code \(code): \(outcome)")
      return
    }
  }
}
