import SlimRuntime
import Testing

@testable import SlimCompiler

/// A channel pruned by sparsity training (BatchNorm γ ≈ 0) folds into weights of ~1e-9
/// and a bias of ordinary size. With `scale = max |w| / 127` its int32 bias saturated and
/// the accumulator wrapped: trained.pth.tar's per-layer SQNR fell to 4.4 dB at feature.20.
@Suite struct Int8SparsifiedChannelTests {
  /// conv(3 → 4, relu) whose channel 1 is "sparsified": weights 1e-9 × noise, bias 0.4.
  static func graph() throws -> Graph {
    var weights = ProbeInput.normal(count: 4 * 3 * 3 * 3, seed: 11).map { $0 * 0.3 }
    for k in 27..<54 { weights[k] *= 3e-9 }
    var graph = Graph()
    let x = graph.addInput(name: "input", shape: [1, 3, 8, 8])
    let y = try graph.append(
      .conv2d(
        .init(
          weight: Tensor(shape: [4, 3, 3, 3], scalars: weights),
          bias: Tensor(shape: [4], scalars: [0.1, 0.4, -0.2, 0.05]), padding: 1, activation: .relu)),
      name: "conv", inputs: [x])
    graph.outputs = [y]
    return graph
  }

  @Test func biasOfANearZeroChannelFitsAndStaysExact() throws {
    let graph = try Self.graph()
    let inputs = Int8GraphTests.inputs(16, seed: 300)
    let ranges = try Calibrator.ranges(of: graph, inputs: inputs, method: .minmax)
    let quantized = try Quantizer.quantize(graph, ranges: ranges, keepFloat: [])
    guard case .conv2d(let conv) = try #require(quantized.nodes.first { $0.name == "conv" }).operation else {
      Issue.record("conv was not quantized")
      return
    }
    let taps = Int64(3 * 3 * 3), input = try #require(quantized.nodes.first?.operation)
    guard case .quantize(let inputParameters) = input else { throw QuantizationError.noCalibrationInputs }
    for (o, bias) in conv.weights.bias.enumerated() {
      // bias plus the largest possible sum of products must not wrap the int32 accumulator.
      #expect(abs(Int64(bias)) + taps * 255 * 127 <= Int64(Int32.max), "channel \(o) bias \(bias)")
      let real = Double(bias) * Double(inputParameters.scale) * Double(conv.weights.scales[o])
      #expect(abs(real - [0.1, 0.4, -0.2, 0.05][o]) < 1e-3, "channel \(o) bias stands for \(real)")
    }
    // The sparsified channel outputs relu(0.4) everywhere; int8 must say so, and the
    // runtime must equal the reference bit for bit.
    let bytes = try SlimWriter.serialize(try QuantizedLowering.lower(quantized), compression: .none)
    let probes = Int8GraphTests.inputs(4, seed: 700)
    for (probe, output) in zip(probes, try RuntimeProbe.run(bytes, inputs: probes)) {
      let tensor = Tensor(shape: [1, 3, 8, 8], scalars: probe)
      #expect(output == (try Int8ReferenceEngine.run(quantized, inputs: [tensor]))[0])
      let float = try ReferenceEngine.run(graph, inputs: [tensor])[0].scalars
      let error = QuantizationReport.error(output, float)
      #expect(error.sqnr > 30, "int8 far from float: SQNR \(error.sqnr) dB")
      let step = ranges[graph.outputs[0]].upperBound / 255
      for k in 64..<128 { #expect(abs(Double(output[k]) - 0.4) <= step, "pixel \(k - 64): \(output[k])") }
    }
  }
}
