import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// `--int8 --input uint8` on the fixture models: the model that takes uint8 pixels gives,
/// bit for bit, the outputs of the float32-input int8 model fed the host-normalized
/// pixels, on every test image; and its agreement with float32 and its accuracy are
/// measured as `Int8AccuracyTests` measures them (calibration on every fifth test image,
/// the other 288 held out).
@Suite struct PixelInputAccuracyTests {
  struct Split {
    var calibration: [[UInt8]]
    var evaluation: [(pixels: [UInt8], label: Int, float32: [Float])]
  }

  static func split(logits: String) throws -> Split {
    let digits = try Fixtures.npy("vgg/testset-8x8.npy")
    let labels = try Fixtures.npy("vgg/testset-labels.npy").values.map { Int($0) }
    let golden = Fixtures.rows(try Fixtures.npy(logits))
    var split = Split(calibration: [], evaluation: [])
    for n in 0..<digits.shape[0] {
      let pixels = TestImages.upsampledRGB(digits, index: n).map { UInt8($0) }
      if n % 5 == 0 {
        split.calibration.append(pixels)
      } else {
        split.evaluation.append((pixels, labels[n], golden[n]))
      }
    }
    return split
  }

  /// The pruned, fine-tuned fixture; with `SLIM_ACCURACY=all` also the unpruned one (each
  /// case packs two models and runs 2 × 360 images, about a minute of CPU in debug builds).
  static let checkpoints: [(String, String)] =
    [("vgg/finetuned.pth.tar", "vgg/logits/finetuned-testset.npy")]
    + (ProcessInfo.processInfo.environment["SLIM_ACCURACY"] == "all"
      ? [("vgg/trained.pth.tar", "vgg/logits/trained-testset.npy")] : [])

  @Test(arguments: checkpoints)
  func pixelInputEqualsFloatInputAndKeepsAccuracy(checkpoint: String, logits: String) throws {
    let split = try Self.split(logits: logits)
    let (mean, std) = try Fixtures.normalization()
    let decoder = InputDecoder(inputShape: [1, 3, 32, 32], mean: mean, std: std)
    func normalized(_ pixels: [UInt8]) -> [Float] { decoder.normalize(pixels: pixels.map(Float.init)) }
    var options = PackOptions()
    options.mean = mean
    options.std = std
    var pixelOptions = options, floatOptions = options
    pixelOptions.quantization = QuantizationOptions(pixels: split.calibration)
    pixelOptions.quantization?.reportSamples = 4
    floatOptions.quantization = QuantizationOptions(calibration: split.calibration.map(normalized))
    floatOptions.quantization?.reportSamples = 4
    let model = try ModelImporter.importModel(at: Fixtures.path(checkpoint), architecture: nil)
    let pixelModel = try Packer.pack(model, options: pixelOptions)
    let floatModel = try Packer.pack(model, options: floatOptions)

    // Every test image, held out or not.
    let images = split.evaluation.map(\.pixels) + split.calibration
    let pixelOutputs = try RuntimeProbe.run(pixelModel.bytes, pixels: images)
    let floatOutputs = try RuntimeProbe.run(floatModel.bytes, inputs: images.map(normalized))
    let differing = zip(pixelOutputs, floatOutputs).filter { $0 != $1 }.count
    #expect(differing == 0, "\(differing) of \(images.count) images differ between the pixel and float inputs")

    // The committed golden inputs: raw uint8 files against the generator's float32 files.
    let pixelFiles = try (0..<8).map { try Fixtures.bytes("vgg/inputs/digit-\($0).u8") }
    let floatFiles = try (0..<8).map { n in
      try InputDecoder(inputShape: [1, 3, 32, 32], mean: nil, std: nil).decode(
        Fixtures.bytes("vgg/inputs/digit-\(n).f32"), format: .f32, pathExtension: "f32")[0]
    }
    #expect(
      try RuntimeProbe.run(pixelModel.bytes, pixels: pixelFiles)
        == RuntimeProbe.run(floatModel.bytes, inputs: floatFiles))

    let (agree, int8Correct, float32Correct) = Int8AccuracyTests.score(
      pixelOutputs, split.evaluation.map { ($0.label, $0.float32) })
    let n = Double(split.evaluation.count)
    let report = try #require(pixelModel.quantization)
    print(
      "uint8-input int8 \(checkpoint): held-out \(split.evaluation.count) images (calibration "
        + "\(split.calibration.count)), top-1 agreement with float32 \(agree)/\(split.evaluation.count) = "
        + "\(Double(agree) / n), accuracy float32 \(Double(float32Correct) / n) int8 \(Double(int8Correct) / n), "
        + "outputs equal to the float-input int8 model on \(images.count - differing)/\(images.count) images, "
        + "file \(report.int8FileSize) bytes (float-input int8 \(floatModel.bytes.count))")
    #expect(Double(agree) / n >= 0.99)
    #expect(Double(float32Correct - int8Correct) / n <= 0.01)
    guard case .bitExact(let samples) = report.verification else {
      Issue.record("the pixel model was not verified bit for bit: \(report.verification)")
      return
    }
    #expect(samples == options.probeCount + 4)
    #expect(report.pixelInputShape == [1, 32, 32, 3])

    let loaded = try SlimModel(copying: pixelModel.bytes)
    #expect(loaded.metadata.string("input.layout") == "NHWC")
    #expect(loaded.metadata.string("quantization")?.hasSuffix("uint8 pixel input") == true)
    // One 768-byte table instead of the float quantize step: the file grows by about that.
    #expect(abs(pixelModel.bytes.count - floatModel.bytes.count) <= 768 + 2 * 64 + 48)
  }
}
