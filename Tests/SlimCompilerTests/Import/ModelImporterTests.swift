import Foundation
import Testing

@testable import SlimCompiler

@Suite struct ModelImporterTests {
  @Test func prunedCheckpointUsesItsCfg() throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/pruned.pth.tar"))
    #expect(model.architecture == .vgg)
    #expect(model.configFromCheckpoint)
    #expect(model.strippedPrefix == "")
  }

  @Test func fineTunedCheckpointInfersItsCfg() throws {
    let pruned = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/pruned.pth.tar"))
    let tuned = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/finetuned.pth.tar"))
    #expect(!tuned.configFromCheckpoint)
    #expect(tuned.configDescription == pruned.configDescription)
  }

  @Test(arguments: [
    ("vgg/finetuned-lightning.ckpt", "model."),
    ("vgg/finetuned-dataparallel.pth", "module."),
    ("vgg/finetuned-compiled.pt", "_orig_mod."),
  ])
  func wrapperPrefixesAreRemoved(file: String, prefix: String) throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path(file))
    #expect(model.strippedPrefix == prefix)
    let plain = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/finetuned.pth.tar"))
    #expect(model.configDescription == plain.configDescription)
  }

  @Test func defaultDepthsMatchTheReferenceCode() {
    #expect(VGGConfig.standard(depth: 16)?.widths.count == 13)
    #expect(VGGConfig.standard(depth: 19)?.description.hasPrefix("[64, 64, 'M', 128") == true)
    #expect(VGGConfig.standard(depth: 12) == nil)
  }

  @Test func cfgThatDoesNotFitTheWeightsIsRejected() throws {
    let checkpoint = try CheckpointReader.read(contentsOf: Fixtures.path("vgg/finetuned.pth.tar"))
    let weights = StateDict(try checkpoint.stateDict())
    let wrong = VGGConfig.standard(depth: 11)!
    #expect {
      try VGGBuilder.build(weights, config: wrong)
    } throws: { error in
      guard case ModelImportError.configMismatch(let detail) = error else { return false }
      return detail.contains("[64, 'M', 128")
    }
  }

  @Test func missingAndMisshapenTensorsNameTheKey() throws {
    let checkpoint = try CheckpointReader.read(contentsOf: Fixtures.path("vgg/finetuned.pth.tar"))
    let entries = try checkpoint.stateDict()
    let withoutBias = StateDict(entries.filter { $0.key != "feature.1.running_var" })
    #expect {
      try VGGBuilder.build(withoutBias, config: nil)
    } throws: { error in
      guard case ModelImportError.missingTensor(let key) = error else { return false }
      return key == "feature.1.running_var"
    }
    let reshaped = StateDict(
      entries.map { entry in
        entry.key == "classifier.weight"
          ? (entry.key, Tensor(shape: [10, 7], scalars: [Float](repeating: 0, count: 70))) : entry
      })
    #expect {
      try VGGBuilder.build(reshaped, config: nil)
    } throws: { error in
      guard case ModelImportError.unexpectedShape(let key, _, let found) = error else { return false }
      return key == "classifier.weight" && found == [10, 7]
    }
  }

  @Test func unknownArchitectureSaysWhatWasExpected() throws {
    let checkpoint = TorchCheckpoint(
      root: .dict([(key: .string("conv.weight"), value: .tensor(Tensor(zeros: [1, 1, 1, 1])))]), entryNames: [])
    #expect {
      try ModelImporter.importCheckpoint(checkpoint, sourceFile: "x.pth")
    } throws: { error in
      "\(error)".contains("feature.0.weight") && "\(error)".contains("conv.weight")
    }
  }
}
