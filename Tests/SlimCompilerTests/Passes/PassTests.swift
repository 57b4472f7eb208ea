import Foundation
import Testing

@testable import SlimCompiler

/// Folding and fusion must not change what the graph computes.
@Suite struct PassTests {
  @Test func foldingAndFusionPreserveOutputsOnTrainedModel() throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/finetuned.pth.tar"))
    let (optimized, summary) = Optimizer.optimize(model.graph)
    let convs = model.graph.nodes.filter { if case .conv2d = $0.operation { true } else { false } }.count
    #expect(summary.batchNormsFolded == convs)
    #expect(summary.activationsFused == convs)
    #expect(!optimized.nodes.contains { if case .batchNorm = $0.operation { true } else { false } })
    #expect(!optimized.nodes.contains { if case .activation = $0.operation { true } else { false } })
    for input in try Fixtures.goldenInputs() {
      let x = Tensor(shape: [1, 3, 32, 32], scalars: input)
      let before = try ReferenceEngine.run(model.graph, inputs: [x])[0].scalars
      let after = try ReferenceEngine.run(optimized, inputs: [x])[0].scalars
      let comparison = Comparison(candidate: after, reference: before)
      #expect(comparison.within(1e-5), "\(comparison)")
    }
  }

  @Test func batchNormWithBiasAndLinearFold() throws {
    // A conv with bias, a BN after it, and a linear layer followed by a BN over features.
    var graph = Graph()
    let x = graph.addInput(name: "x", shape: [1, 2, 5, 5])
    let conv = GraphOperation.Conv2D(
      weight: Tensor(shape: [3, 2, 3, 3], scalars: ProbeInput.normal(count: 54, seed: 1)),
      bias: Tensor(shape: [3], scalars: [0.5, -1, 2]), stride: 2, padding: 1)
    var y = try graph.append(.conv2d(conv), name: "conv", inputs: [x])
    y = try graph.append(.batchNorm(Self.batchNorm(channels: 3, seed: 2)), name: "bn", inputs: [y])
    y = try graph.append(.flatten, name: "flatten", inputs: [y])
    let linear = GraphOperation.Linear(weight: Tensor(shape: [4, 27], scalars: ProbeInput.normal(count: 108, seed: 3)))
    y = try graph.append(.linear(linear), name: "fc", inputs: [y])
    y = try graph.append(.batchNorm(Self.batchNorm(channels: 4, seed: 4)), name: "bn2", inputs: [y])
    y = try graph.append(.activation(.relu6), name: "relu6", inputs: [y])
    graph.outputs = [y]

    let (optimized, summary) = Optimizer.optimize(graph)
    #expect(summary == Optimizer.Summary(batchNormsFolded: 2, activationsFused: 1))
    #expect(optimized.nodes.count == 3)
    let input = Tensor(shape: [1, 2, 5, 5], scalars: ProbeInput.normal(count: 50, seed: 5).map { $0 * 3 })
    let expected = try ReferenceEngine.run(graph, inputs: [input])[0].scalars
    let actual = try ReferenceEngine.run(optimized, inputs: [input])[0].scalars
    #expect(Comparison(candidate: actual, reference: expected).relativeDifference < 1e-6)
  }

  @Test func batchNormIsNotFoldedIntoAProducerWithTwoReaders() throws {
    var graph = Graph()
    let x = graph.addInput(name: "x", shape: [1, 2, 4, 4])
    let conv = GraphOperation.Conv2D(weight: Tensor(shape: [2, 2, 1, 1], scalars: [1, 2, 3, 4]))
    let c = try graph.append(.conv2d(conv), name: "conv", inputs: [x])
    let b = try graph.append(.batchNorm(Self.batchNorm(channels: 2, seed: 6)), name: "bn", inputs: [c])
    let sum = try graph.append(.add(activation: .none), name: "add", inputs: [b, c])
    graph.outputs = [sum]
    let (_, summary) = Optimizer.optimize(graph)
    #expect(summary.batchNormsFolded == 0)
  }

  static func batchNorm(channels: Int, seed: UInt64) -> GraphOperation.BatchNorm {
    let noise = ProbeInput.normal(count: 4 * channels, seed: seed)
    return GraphOperation.BatchNorm(
      gamma: Tensor(shape: [channels], scalars: Array(noise[0..<channels])),
      beta: Tensor(shape: [channels], scalars: Array(noise[channels..<2 * channels])),
      runningMean: Tensor(shape: [channels], scalars: Array(noise[2 * channels..<3 * channels])),
      runningVar: Tensor(shape: [channels], scalars: noise[3 * channels..<4 * channels].map { abs($0) + 0.1 }))
  }
}
