import Foundation
import Testing

@testable import SlimCompiler

/// The reference engine must reproduce PyTorch's own logits on real trained checkpoints.
@Suite struct ReferenceEngineTests {
  @Test(arguments: Fixtures.vggModels.map(\.checkpoint))
  func matchesPyTorchLogits(checkpoint: String) throws {
    let logits = Fixtures.vggModels.first { $0.checkpoint == checkpoint }!.logits
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path(checkpoint))
    let expected = Fixtures.rows(try Fixtures.npy(logits))
    let inputs = try Fixtures.goldenInputs()
    #expect(inputs.count == expected.count)
    for (input, golden) in zip(inputs, expected) {
      let output = try ReferenceEngine.run(model.graph, inputs: [Tensor(shape: [1, 3, 32, 32], scalars: input)])
      let comparison = Comparison(candidate: output[0].scalars, reference: golden)
      #expect(comparison.within(1e-4), "\(checkpoint): \(comparison)")
    }
  }

  @Test func wholeTestSetAccuracyMatchesPyTorch() throws {
    // Rebuild every test input from the 8x8 digits exactly as the generator did, and check that
    // the reference engine's predictions agree with PyTorch's on the whole test split.
    let digits = try Fixtures.npy("vgg/testset-8x8.npy")
    let golden = Fixtures.rows(try Fixtures.npy("vgg/logits/finetuned-testset.npy"))
    let (mean, std) = try Fixtures.normalization()
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/finetuned.pth.tar"))
    let decoder = InputDecoder(inputShape: [1, 3, 32, 32], mean: mean, std: std)
    var disagreements = 0
    var worst = 0.0
    for n in 0..<digits.shape[0] {
      let pixels = TestImages.upsampledRGB(digits, index: n)
      let input = decoder.normalize(pixels: pixels)
      let output = try ReferenceEngine.run(model.graph, inputs: [Tensor(shape: [1, 3, 32, 32], scalars: input)])
      let comparison = Comparison(candidate: output[0].scalars, reference: golden[n])
      worst = max(worst, comparison.relativeDifference)
      if !comparison.sameTop1 { disagreements += 1 }
    }
    #expect(disagreements == 0)
    #expect(worst <= 1e-4, "worst relative difference \(worst)")
  }
}

enum TestImages {
  /// An 8x8 uint8 digit upsampled 4x by nearest neighbour, gray copied to 3 channels, HWC.
  static func upsampledRGB(_ digits: NpyArray, index: Int) -> [Float] {
    var pixels = [Float](repeating: 0, count: 32 * 32 * 3)
    for y in 0..<32 {
      for x in 0..<32 {
        let value = digits.values[index * 64 + (y / 4) * 8 + x / 4]
        for c in 0..<3 { pixels[(y * 32 + x) * 3 + c] = value }
      }
    }
    return pixels
  }
}
