import SlimRuntime
import Testing

@testable import SlimCompiler

/// Under `--int8`, layers whose activation has no int8 clamp (hard-swish, sigmoid, ...),
/// products and per-channel broadcast adds stay float32 (quantize/dequantize around
/// them); the packed file still runs and agrees with the int8 reference.
@Suite struct Int8NewOperatorTests {
  /// conv(hardSwish) → conv(relu) → gate = sigmoid(conv(gap)) → mul(x, gate) → add(·, gap) → gap → flatten → linear.
  static func graph() throws -> Graph {
    func tensor(_ shape: [Int], seed: UInt64) -> Tensor {
      Tensor(shape: shape, scalars: ProbeInput.normal(count: shape.reduce(1, *), seed: seed).map { $0 * 0.3 })
    }
    var graph = Graph()
    let x = graph.addInput(name: "input", shape: [1, 3, 8, 8])
    let a = try graph.append(
      .conv2d(
        .init(weight: tensor([4, 3, 3, 3], seed: 1), bias: tensor([4], seed: 2), padding: 1, activation: .hardSwish)),
      name: "conv.a", inputs: [x])
    let b = try graph.append(
      .conv2d(.init(weight: tensor([4, 4, 1, 1], seed: 3), bias: tensor([4], seed: 4), activation: .relu)),
      name: "conv.b", inputs: [a])
    let pooled = try graph.append(.globalAvgPool, name: "squeeze", inputs: [b])
    let gate = try graph.append(
      .conv2d(.init(weight: tensor([4, 4, 1, 1], seed: 5), bias: tensor([4], seed: 6), activation: .sigmoid)),
      name: "excite", inputs: [pooled])
    let scaled = try graph.append(.mul(activation: .none), name: "scale", inputs: [b, gate])
    let shifted = try graph.append(.add(activation: .none), name: "shift", inputs: [scaled, pooled])
    let flat = try graph.append(
      .flatten, name: "flatten", inputs: [try graph.append(.globalAvgPool, name: "pool", inputs: [shifted])])
    graph.outputs = [
      try graph.append(
        .linear(.init(weight: tensor([5, 4], seed: 7), bias: tensor([5], seed: 8))), name: "fc", inputs: [flat])
    ]
    return graph
  }

  @Test func newOperatorsStayFloatAndTheFileAgreesWithTheInt8Reference() throws {
    let graph = try Self.graph()
    let inputs = (0..<16).map { ProbeInput.normal(count: 3 * 8 * 8, seed: 300 + UInt64($0)) }
    let ranges = try Calibrator.ranges(of: graph, inputs: inputs, method: .minmax)
    let quantized = try Quantizer.quantize(graph, ranges: ranges, keepFloat: [])
    func isFloat(_ name: String) -> Bool {
      quantized.nodes.contains { node in
        guard node.name == name, case .float = node.operation else { return false }
        return true
      }
    }
    #expect(isFloat("conv.a") && isFloat("excite") && isFloat("scale") && isFloat("shift"))
    #expect(!isFloat("conv.b") && !isFloat("fc"))
    let bytes = try SlimWriter.serialize(try QuantizedLowering.lower(quantized), compression: .none)
    for probe in inputs.prefix(4) {
      let output = try RuntimeProbe.run(bytes, inputs: [probe])[0]
      let expected = try Int8ReferenceEngine.run(quantized, inputs: [Tensor(shape: [1, 3, 8, 8], scalars: probe)])[0]
      #expect(Comparison(candidate: output, reference: expected).sameTop1)
    }
  }
}
