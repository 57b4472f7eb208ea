import Foundation
import Testing

@testable import SlimCompiler

/// slim-prune against the reference scripts' own results on trained checkpoints.
@Suite struct PruneReferenceTests {
  @Test(arguments: PruneFixtures.referenceCases)
  func sameConfigAndTensorsAsTheReference(_ fixture: PruneFixtures.Case) throws {
    let output = try CheckpointPruning.prune(
      checkpointAt: Fixtures.path(fixture.trained), options: PruneFixtures.reference(fixture.percent))
    let ours = try PruneFixtures.stateDict(output.bytes)
    let theirs = try PruneFixtures.stateDict(try Fixtures.bytes(fixture.referencePruned))
    #expect(ours.cfg == theirs.cfg)
    #expect(ours.entries.map(\.key) == theirs.entries.map(\.key))
    for (mine, reference) in zip(ours.entries, theirs.entries) {
      #expect(mine.tensor.shape == reference.tensor.shape, "\(mine.key)")
      #expect(mine.tensor.scalars == reference.tensor.scalars, "\(mine.key)")
    }
  }

  @Test(arguments: PruneFixtures.referenceCases)
  func writtenCheckpointGivesTheMaskedModelsPyTorchLogits(_ fixture: PruneFixtures.Case) throws {
    let output = try CheckpointPruning.prune(
      checkpointAt: Fixtures.path(fixture.trained), options: PruneFixtures.reference(fixture.percent))
    let rebuilt = try ModelImporter.importCheckpoint(try CheckpointReader.read(bytes: output.bytes), sourceFile: "x")
    let golden = Fixtures.rows(try Fixtures.npy(fixture.maskedLogits))
    let inputs = try Fixtures.goldenInputs()
    for (input, expected) in zip(inputs, golden) {
      let logits = try ReferenceEngine.run(rebuilt.graph, inputs: [Tensor(shape: [1, 3, 32, 32], scalars: input)])
      let comparison = Comparison(candidate: logits[0].scalars, reference: expected)
      #expect(comparison.within(1e-4), "\(fixture): \(comparison)")
    }
  }

  @Test(arguments: PruneFixtures.referenceCases)
  func maskedAndPrunedAgreeWithinFloatRounding(_ fixture: PruneFixtures.Case) throws {
    for compensate in [false, true] {
      var options = PruneFixtures.reference(fixture.percent)
      options.compensate = compensate
      let output = try CheckpointPruning.prune(checkpointAt: Fixtures.path(fixture.trained), options: options)
      #expect(output.result.verification.relativeDifference <= 1e-5, "\(fixture) compensate \(compensate)")
      #expect(output.roundTrip.maxAbsoluteDifference == 0)
    }
  }

  @Test func preResNetImportMatchesPyTorch() throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("prune/preresnet-trained.pth.tar"))
    #expect(model.architecture == .preresnet)
    let golden = Fixtures.rows(try Fixtures.npy("prune/logits/preresnet-trained.npy"))
    for (input, expected) in zip(try Fixtures.goldenInputs(), golden) {
      let logits = try ReferenceEngine.run(model.graph, inputs: [Tensor(shape: [1, 3, 32, 32], scalars: input)])
      let comparison = Comparison(candidate: logits[0].scalars, reference: expected)
      #expect(comparison.within(1e-4), "\(comparison)")
    }
  }
}
