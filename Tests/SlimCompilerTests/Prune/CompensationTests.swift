import Foundation
import Testing

@testable import SlimCompiler

/// What compensation claims per layer is what the reference engine measures, and the
/// CLI says it plainly; `--no-compensate` is the reference behaviour, bit for bit.
@Suite struct CompensationTests {
  /// The claimed border error of a 3x3 / padding 1 (and a strided 3x3) conv equals the
  /// measured one: run the conv on planes that hold the constants everywhere and compare
  /// with the folded δ, which is what every pixel would get without padding.
  @Test(arguments: [(1, 1), (2, 1), (1, 0)])
  func borderErrorIsWhatTheEngineMeasures(stride: Int, padding: Int) throws {
    let (o, c, h, w) = (4, 3, 7, 6)
    let weight = ChannelGroupTests.tensor([o, c, 3, 3], seed: 77)
    let conv = GraphOperation.Conv2D(weight: weight, stride: stride, padding: padding)
    let constants: [Int: Double] = [0: 0.75, 2: -1.5]
    var g = Graph()
    let x = g.addInput(name: "input", shape: [1, c, h, w])
    g.outputs = [try g.append(.conv2d(conv), name: "conv", inputs: [x])]
    let planes = (0..<c).flatMap { channel in [Float](repeating: Float(constants[channel] ?? 0), count: h * w) }
    let y = try ReferenceEngine.run(g, inputs: [Tensor(shape: [1, c, h, w], scalars: planes)])[0]
    let pixels = y.shape[2] * y.shape[3]
    var measured = 0.0
    for out in 0..<o {
      let delta = constants.reduce(0.0) { sum, entry in
        let base = (out * c + entry.key) * 9
        return sum + entry.value * weight.scalars[base..<base + 9].reduce(0.0) { $0 + Double($1) }
      }
      for p in 0..<pixels { measured = max(measured, abs(delta - Double(y.scalars[out * pixels + p]))) }
    }
    let claimed = Compensation.borderError(constants, conv: conv, height: h, width: w)
    #expect(abs(claimed - measured) <= 1e-5 * max(1, measured), "claimed \(claimed) measured \(measured)")
    #expect((claimed == 0) == (padding == 0))
  }

  @Test func oneByOneConvHasNoBorders() {
    let conv = GraphOperation.Conv2D(weight: ChannelGroupTests.tensor([2, 2, 1, 1], seed: 3), padding: 0)
    #expect(Compensation.borderError([1: 2], conv: conv, height: 4, width: 4) == 0)
  }

  /// Pre-activation ResNet: bn2 → conv2 (3x3) is folded approximately (into bn3's running
  /// mean), bn3 → conv3 has no bias and feeds the residual add, so it is dropped.
  @Test func reportNamesApproximateAndDroppedLayers() throws {
    let output = try CheckpointPruning.prune(
      checkpointAt: Fixtures.path("prune/preresnet-trained.pth.tar"), options: PruneOptions())
    let entries = try #require(output.result.masks.compensation).entries
    let approximate = entries.filter { $0.borderError != nil }
    let dropped = entries.filter { $0.target == nil }
    #expect(!approximate.isEmpty && !dropped.isEmpty)
    #expect(approximate.allSatisfy { $0.source.hasSuffix(".bn2") && ($0.borderError ?? -1) >= 0 })
    #expect(dropped.allSatisfy { $0.source.hasSuffix(".bn3") && ($0.lostConstant ?? -1) >= 0 })
    let text = PruneReport(result: output.result, options: PruneOptions()).text
    for entry in approximate { #expect(text.contains("\(entry.source): \(entry.channels) channel(s) folded into")) }
    for entry in dropped { #expect(text.contains("\(entry.source): \(entry.channels) channel(s) DROPPED")) }
  }

  @Test(arguments: PruneFixtures.referenceCases)
  func cliWithoutCompensationWritesTheReferenceCheckpoint(_ fixture: PruneFixtures.Case) throws {
    let out = try CommandLineTests.scratch().appendingPathComponent("pruned.pth.tar").path
    let run = try CommandLineTests.run(
      "slim-prune", [Fixtures.path(fixture.trained), out, "--percent", "\(fixture.percent)", "--no-compensate"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stdout.contains("compensation per layer"))
    let ours = try PruneFixtures.stateDict(try Array(Data(contentsOf: URL(fileURLWithPath: out))))
    let theirs = try PruneFixtures.stateDict(try Fixtures.bytes(fixture.referencePruned))
    #expect(ours.cfg == theirs.cfg)
    #expect(ours.entries.map(\.key) == theirs.entries.map(\.key))
    for (mine, reference) in zip(ours.entries, theirs.entries) {
      #expect(mine.tensor.shape == reference.tensor.shape, "\(mine.key)")
      #expect(mine.tensor.scalars == reference.tensor.scalars, "\(mine.key)")
    }
  }

  @Test func cliPrintsCompensationPerLayerByDefault() throws {
    let out = try CommandLineTests.scratch().appendingPathComponent("pruned.pth.tar").path
    let run = try CommandLineTests.run(
      "slim-prune", [Fixtures.path("prune/preresnet-trained.pth.tar"), out, "--percent", "0.5"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("compensation per layer"))
    #expect(run.stdout.contains("APPROXIMATE, k x k conv with zero padding; border pixels off by up to"))
    #expect(run.stdout.contains("DROPPED as the reference does: 'layer"))
  }
}
