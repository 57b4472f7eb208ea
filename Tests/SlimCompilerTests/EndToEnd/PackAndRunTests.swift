import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// The promise of the project: a trained checkpoint, packed and run on SlimRuntime,
/// gives PyTorch's logits.
@Suite struct PackAndRunTests {
  static let compressions: [SlimCompression] = [.none, .zlib]

  @Test(arguments: Fixtures.vggModels.map(\.checkpoint), compressions)
  func packedModelMatchesPyTorch(checkpoint: String, compression: SlimCompression) throws {
    let logits = Fixtures.vggModels.first { $0.checkpoint == checkpoint }!.logits
    var options = PackOptions()
    options.compression = compression
    let result = try Packer.pack(checkpointAt: Fixtures.path(checkpoint), options: options)
    #expect(result.verification?.within(1e-4) == true)
    let golden = Fixtures.rows(try Fixtures.npy(logits))
    let outputs = try RuntimeProbe.run(result.bytes, inputs: try Fixtures.goldenInputs())
    #expect(outputs.count == golden.count)
    for (output, expected) in zip(outputs, golden) {
      let comparison = Comparison(candidate: output, reference: expected)
      #expect(comparison.within(1e-4), "\(checkpoint) \(compression): \(comparison)")
    }
  }

  @Test func packedModelMatchesReferenceEngineOnGoldenInputs() throws {
    let imported = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/trained.pth.tar"))
    let result = try Packer.pack(imported, options: PackOptions())
    let inputs = try Fixtures.goldenInputs()
    let outputs = try RuntimeProbe.run(result.bytes, inputs: inputs)
    for (input, output) in zip(inputs, outputs) {
      let reference = try ReferenceEngine.run(imported.graph, inputs: [Tensor(shape: [1, 3, 32, 32], scalars: input)])
      let comparison = Comparison(candidate: output, reference: reference[0].scalars)
      #expect(comparison.within(1e-4), "\(comparison)")
    }
  }

  @Test func compressionShrinksTheFileAndKeepsTheOutputs() throws {
    let path = Fixtures.path("vgg/finetuned.pth.tar")
    var options = PackOptions()
    let stored = try Packer.pack(checkpointAt: path, options: options)
    options.compression = .zlib
    let compressed = try Packer.pack(checkpointAt: path, options: options)
    #expect(compressed.bytes.count < stored.bytes.count)
    let inputs = try Fixtures.goldenInputs()
    #expect(try RuntimeProbe.run(stored.bytes, inputs: inputs) == RuntimeProbe.run(compressed.bytes, inputs: inputs))
  }

  @Test func wholeTestSetMatchesPyTorch() throws {
    let digits = try Fixtures.npy("vgg/testset-8x8.npy")
    let labels = try Fixtures.npy("vgg/testset-labels.npy").values.map { Int($0) }
    let golden = Fixtures.rows(try Fixtures.npy("vgg/logits/finetuned-testset.npy"))
    let (mean, std) = try Fixtures.normalization()
    var options = PackOptions()
    options.mean = mean
    options.std = std
    let result = try Packer.pack(checkpointAt: Fixtures.path("vgg/finetuned.pth.tar"), options: options)
    let decoder = InputDecoder(inputShape: [1, 3, 32, 32], mean: mean, std: std)
    let inputs = (0..<digits.shape[0]).map { decoder.normalize(pixels: TestImages.upsampledRGB(digits, index: $0)) }
    let outputs = try RuntimeProbe.run(result.bytes, inputs: inputs)
    var correct = 0
    for (n, output) in outputs.enumerated() {
      let comparison = Comparison(candidate: output, reference: golden[n])
      #expect(comparison.within(1e-4), "test image \(n): \(comparison)")
      if Comparison.argmax(output) == labels[n] { correct += 1 }
    }
    let pytorchCorrect = zip(golden, labels).filter { Comparison.argmax($0.0) == $0.1 }.count
    #expect(correct == pytorchCorrect)
    #expect(Double(correct) / Double(labels.count) > 0.95)
  }

  @Test func storedMetadataRoundTrips() throws {
    var options = PackOptions()
    options.mean = [0.1, 0.2, 0.3]
    options.std = [0.4, 0.5, 0.6]
    options.labels = (0..<10).map { "digit \($0)" }
    let result = try Packer.pack(checkpointAt: Fixtures.path("vgg/pruned.pth.tar"), options: options)
    let model = try SlimModel(copying: result.bytes)
    #expect(model.metadata.floats("preprocess.mean") == [0.1, 0.2, 0.3])
    #expect(model.metadata.floats("preprocess.std") == [0.4, 0.5, 0.6])
    #expect(model.metadata.string("labels")?.split(separator: "\n").count == 10)
    #expect(model.metadata.string("source.arch") == "vgg")
    #expect(model.metadata.string("source.file") == "pruned.pth.tar")
    #expect(model.arenaSize == result.packed.arenaSize)
    #expect(model.inputs[0].shape == [1, 3, 32, 32])
  }

  @Test func optionsThatDoNotFitTheModelAreRejected() throws {
    var options = PackOptions()
    options.mean = [0.5]
    #expect(throws: PackError.self) {
      try Packer.pack(checkpointAt: Fixtures.path("vgg/pruned.pth.tar"), options: options)
    }
    options = PackOptions()
    options.labels = ["a", "b"]
    #expect(throws: PackError.self) {
      try Packer.pack(checkpointAt: Fixtures.path("vgg/pruned.pth.tar"), options: options)
    }
  }
}
