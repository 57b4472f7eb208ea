import Foundation
import Testing

@testable import SlimCompiler

/// No percent crashes or empties a layer; bad options are usage errors.
@Suite struct PruneSafetyTests {
  @Test(arguments: PruneFixtures.trainedModels)
  func percentSweepNeverEmptiesALayer(_ checkpoint: String) throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path(checkpoint))
    for step in 0...11 {
      var options = PruneOptions()
      options.percent = min(Double(step) * 0.09, 0.99)
      options.probeCount = 1
      let result = try Pruner.prune(model.graph, options: options)
      #expect(result.config.widths.allSatisfy { $0 >= 1 }, "\(checkpoint) at \(options.percent)")
      #expect(result.pruned.values.allSatisfy { $0.shape.allSatisfy { $0 >= 1 } })
      #expect(result.verification.relativeDifference <= 1e-5)
    }
  }

  @Test func minChannelsFloorIsReported() throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/trained.pth.tar"))
    var options = PruneOptions()
    options.percent = 0.99
    options.minChannels = 2
    options.probeCount = 1
    let result = try Pruner.prune(model.graph, options: options)
    #expect(result.config.widths.allSatisfy { $0 >= 2 })
    #expect(!PruneReport(result: result, options: options).flooredLayers.isEmpty)
  }

  @Test(arguments: [1.0, -0.1, 1.5, Double.nan])
  func percentOutsideTheUnitIntervalIsAUsageError(_ percent: Double) throws {
    var options = PruneOptions()
    options.percent = percent
    #expect(throws: PruneError.self) {
      _ = try CheckpointPruning.prune(checkpointAt: Fixtures.path("vgg/trained.pth.tar"), options: options)
    }
    do {
      try options.validate()
      Issue.record("accepted percent \(percent)")
    } catch {
      guard case .invalidOption = error else {
        Issue.record("wrong error \(error)")
        return
      }
    }
  }

  @Test(arguments: [PruneMethod.l1, .l2])
  func normPruningKeepsTheRatioAndVerifies(_ method: PruneMethod) throws {
    var options = PruneOptions()
    options.method = method
    options.ratio = 0.5
    options.probeCount = 1
    let output = try CheckpointPruning.prune(checkpointAt: Fixtures.path("vgg/trained.pth.tar"), options: options)
    #expect(output.result.config.widths == [4, 8, 16, 16, 32, 32, 32, 32])
    #expect(output.result.verification.relativeDifference <= 1e-5)
  }

  @Test func perLayerRatiosOverrideAndUnknownLayersAreRejected() throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/trained.pth.tar"))
    var options = PruneOptions()
    options.method = .l1
    options.ratio = 0
    options.probeCount = 1
    options.layerRatios = ["feature.0": 0.75]
    let result = try Pruner.prune(model.graph, options: options)
    #expect(result.config.widths == [2, 16, 32, 32, 64, 64, 64, 64])
    options.layerRatios = ["feature.99": 0.5]
    #expect(throws: PruneError.self) { _ = try Pruner.prune(model.graph, options: options) }
  }
}
