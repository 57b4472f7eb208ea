import SlimRuntime
import Testing

@testable import SlimCompiler

/// Under `--int8`, an element-wise operation with a constant operand stays float32, and a
/// constant-first one (`c − x`, `c / x`) keeps its operand order in the int8 file.
@Suite struct Int8ConstantOperandTests {
  @Test(arguments: [GraphOperation.Binary.Function.sub, .div])
  func constantFirstOperationKeepsItsOrder(function: GraphOperation.Binary.Function) throws {
    func tensor(_ shape: [Int], seed: UInt64) -> Tensor {
      Tensor(shape: shape, scalars: ProbeInput.normal(count: shape.reduce(1, *), seed: seed).map { $0 * 0.3 })
    }
    var graph = Graph()
    let x = graph.addInput(name: "input", shape: [1, 3, 8, 8])
    let conv = try graph.append(
      .conv2d(.init(weight: tensor([4, 3, 3, 3], seed: 1), bias: tensor([4], seed: 2), padding: 1, activation: .relu)),
      name: "conv", inputs: [x])
    // Divisor conv + 1 ≥ 1 (a ReLU output plus one) keeps c / x finite.
    let shifted = try graph.append(
      .binary(.init(.add, constant: Tensor(shape: [1], scalars: [1]))), name: "plus1", inputs: [conv])
    let constant = Tensor(shape: [8], scalars: (0..<8).map { Float($0) - 3.5 })
    graph.outputs = [
      try graph.append(
        .binary(.init(function, constant: constant, constantFirst: true)), name: "rsub", inputs: [shifted])
    ]
    let inputs = (0..<8).map { ProbeInput.normal(count: 3 * 8 * 8, seed: 500 + UInt64($0)) }
    let ranges = try Calibrator.ranges(of: graph, inputs: inputs, method: .minmax)
    let quantized = try Quantizer.quantize(graph, ranges: ranges, keepFloat: [])
    let packed = try QuantizedLowering.lower(quantized)
    let last = try #require(packed.operators.last)
    #expect(last.opcode == (function == .sub ? .sub : .div))
    guard case .constant = packed.tensors[last.inputs[0]].storage else {
      Issue.record("the constant is not the first operand")
      return
    }
    let bytes = try SlimWriter.serialize(packed, compression: .none)
    for probe in inputs.prefix(3) {
      let output = try RuntimeProbe.run(bytes, inputs: [probe])[0]
      let expected = try Int8ReferenceEngine.run(quantized, inputs: [Tensor(shape: [1, 3, 8, 8], scalars: probe)])[0]
      #expect(Comparison(candidate: output, reference: expected).within(1e-4))
    }
  }
}
