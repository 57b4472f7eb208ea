import Testing

@testable import SlimCompiler
@testable import SlimRuntime

/// Int8 depthwise layers through sessions. Rows narrower than 16 take the 8-lane kernel,
/// which keeps a channel's float sums in the session's scratch until the channel is done
/// (`Int8DepthwiseLane.defersRequantization`); wider rows take the 16-lane kernel in
/// `SLIM_AVX512` builds, and the byte-dot kernel (`ByteDotDepthwiseConv2D`) in
/// `SLIM_VNNI` builds. Each session's scratch must hold the kernel it picks, and the
/// outputs must equal the int8 reference bit for bit with one and two threads.
@Suite struct Int8DepthwiseSessionTests {
  static let inputShape = [1, 6, 20, 20]

  /// depthwise 3x3 at 20x20 (rows of 20) → depthwise 3x3 stride 2 (rows of 10) →
  /// depthwise 3x3 stride 2 (rows of 5) → global average pool → flatten → linear.
  static func graph() throws -> Graph {
    func tensor(_ shape: [Int], seed: UInt64) -> Tensor {
      Tensor(shape: shape, scalars: ProbeInput.normal(count: shape.reduce(1, *), seed: seed).map { $0 * 0.4 })
    }
    var graph = Graph()
    var x = graph.addInput(name: "input", shape: inputShape)
    for (index, stride) in [1, 2, 2].enumerated() {
      var layer = GraphOperation.Conv2D(
        weight: tensor([6, 1, 3, 3], seed: UInt64(10 + index)), bias: tensor([6], seed: UInt64(20 + index)),
        padding: 1, groups: 6, activation: .relu)
      layer.stride = (stride, stride)
      x = try graph.append(.conv2d(layer), name: "dw\(index)", inputs: [x])
    }
    let pooled = try graph.append(.globalAvgPool, name: "pool", inputs: [x])
    let flat = try graph.append(.flatten, name: "flatten", inputs: [pooled])
    let logits = try graph.append(
      .linear(.init(weight: tensor([4, 6], seed: 30), bias: tensor([4], seed: 31))), name: "fc", inputs: [flat])
    graph.outputs = [logits]
    return graph
  }

  static func inputs(_ count: Int, seed: UInt64) -> [[Float]] {
    (0..<count).map { ProbeInput.normal(count: inputShape.reduce(1, *), seed: seed + UInt64($0)) }
  }

  @Test func sessionsHoldTheScratchOfTheKernelTheyPickAndMatchTheReference() throws {
    let graph = try Self.graph()
    let ranges = try Calibrator.ranges(of: graph, inputs: Self.inputs(8, seed: 40), method: .minmax)
    let quantized = try Quantizer.quantize(graph, ranges: ranges, keepFloat: [])
    let bytes = try SlimWriter.serialize(try QuantizedLowering.lower(quantized), compression: .none)
    let model = try SlimModel(copying: bytes)
    let depthwise = model.geometries.compactMap { geometry -> Conv2D.Geometry? in
      guard case .int8(.conv2d(let g, _)) = geometry, NarrowInt8DepthwiseConv2D.isEligible(g) else { return nil }
      return g
    }
    #expect(depthwise.map { $0.outWidth } == [20, 10, 5])
    for parts in [1, 2] {
      let scratch = ExecutionStep.Workspace.sizes(for: model, parts: parts).scratch
      for g in depthwise {
        let needed =
          ByteDotDepthwiseConv2D.isPreferred(g)
          ? ByteDotDepthwiseConv2D.scratchCount(g)
          : WideInt8DepthwiseConv2D.prefersWideInt8Lanes(g)
            ? WideInt8DepthwiseConv2D.scratchCount(g) : NarrowInt8DepthwiseConv2D.scratchCount(g)
        #expect(scratch >= parts * needed, "\(parts) parts, rows of \(g.outWidth)")
      }
    }
    let probes = Self.inputs(4, seed: 900)
    for threads in [1, 2] {
      // Threshold 0 splits every step, by channels or by rows, however small.
      let session = try SlimSession(model: model, threads: threads, minimumSplitWork: 0)
      for probe in probes {
        var output = [Float](repeating: .nan, count: session.outputBuffer(0).count)
        try probe.withUnsafeBufferPointer { (x) throws(SlimError) in
          try output.withUnsafeMutableBufferPointer { (y) throws(SlimError) in try session.run(input: x, output: y) }
        }
        let expected = try Int8ReferenceEngine.run(quantized, inputs: [Tensor(shape: Self.inputShape, scalars: probe)])
        #expect(output == expected[0], "\(threads) threads")
      }
    }
  }
}
