import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// Issue 5, item 6 on the fixture models: the int8 file agrees with float32 on at least
/// 99% of held-out test images, loses at most 1 point of accuracy, and is at most 0.3 of
/// the float32 file. Calibration uses every fifth test image; the agreement and accuracy
/// are measured on the other four fifths only (disjoint from calibration).
@Suite struct Int8AccuracyTests {
  struct Split {
    var calibration: [[Float]]
    var evaluation: [(input: [Float], label: Int, float32: [Float])]
  }

  /// How many `outputs` have the float32 output's top-1 class (`agree`), and how many of
  /// each have the label's (`int8Correct`, `float32Correct`).
  static func score(
    _ outputs: [[Float]], _ references: [(label: Int, float32: [Float])]
  ) -> (agree: Int, int8Correct: Int, float32Correct: Int) {
    var score = (agree: 0, int8Correct: 0, float32Correct: 0)
    for (output, reference) in zip(outputs, references) {
      let prediction = Comparison.argmax(output), expected = Comparison.argmax(reference.float32)
      if prediction == expected { score.agree += 1 }
      if prediction == reference.label { score.int8Correct += 1 }
      if expected == reference.label { score.float32Correct += 1 }
    }
    return score
  }

  static func split(logits: String) throws -> Split {
    let digits = try Fixtures.npy("vgg/testset-8x8.npy")
    let labels = try Fixtures.npy("vgg/testset-labels.npy").values.map { Int($0) }
    let golden = Fixtures.rows(try Fixtures.npy(logits))
    let (mean, std) = try Fixtures.normalization()
    let decoder = InputDecoder(inputShape: [1, 3, 32, 32], mean: mean, std: std)
    var split = Split(calibration: [], evaluation: [])
    for n in 0..<digits.shape[0] {
      let input = decoder.normalize(pixels: TestImages.upsampledRGB(digits, index: n))
      if n % 5 == 0 {
        split.calibration.append(input)
      } else {
        split.evaluation.append((input, labels[n], golden[n]))
      }
    }
    return split
  }

  @Test(arguments: [
    ("vgg/finetuned.pth.tar", "vgg/logits/finetuned-testset.npy"),
    ("vgg/trained.pth.tar", "vgg/logits/trained-testset.npy"),
  ])
  func int8KeepsAccuracyAndShrinksTheFile(checkpoint: String, logits: String) throws {
    let split = try Self.split(logits: logits)
    var options = PackOptions()
    options.quantization = QuantizationOptions(calibration: split.calibration)
    options.quantization?.reportSamples = 4
    let result = try Packer.pack(checkpointAt: Fixtures.path(checkpoint), options: options)
    let report = try #require(result.quantization)
    let outputs = try RuntimeProbe.run(result.bytes, inputs: split.evaluation.map(\.input))
    let (agree, int8Correct, float32Correct) = Self.score(outputs, split.evaluation.map { ($0.label, $0.float32) })
    let n = Double(split.evaluation.count)
    let agreement = Double(agree) / n
    let drop = Double(float32Correct - int8Correct) / n
    print(
      "int8 \(checkpoint): held-out \(split.evaluation.count) images (calibration \(split.calibration.count)), "
        + "top-1 agreement \(agree)/\(split.evaluation.count) = \(agreement), accuracy float32 "
        + "\(Double(float32Correct) / n) int8 \(Double(int8Correct) / n), file \(report.int8FileSize) / "
        + "\(report.float32FileSize) = \(report.sizeRatio)")
    // trained.pth.tar was 285/288 before the weight scales of sparsified channels were
    // raised to keep their int32 biases from saturating (see `Quantizer.weightScale`).
    #expect(agreement >= 0.99)
    #expect(drop <= 0.01)
    #expect(report.sizeRatio <= 0.3)
    guard case .bitExact(let samples) = report.verification else {
      Issue.record("an all-int8 model was not verified bit for bit: \(report.verification)")
      return
    }
    #expect(samples == options.probeCount + 4)
  }

  /// The trained pre-activation ResNet fixture (`prune/preresnet-trained.pth.tar`, the same
  /// digits and split), whose int8 file runs an add and a scale-and-shift in every block,
  /// packed with both roundings, against the float32 file's own outputs (which match
  /// PyTorch's logits on the golden inputs, `PassTests`). One rounding (opcodes 31 and 32)
  /// must be as precise as TensorFlow Lite's arithmetic (opcodes 27 and 22): logit SQNR
  /// within 0.5 dB (measured 17.16 against 17.26 dB). This narrow network (3 to 47
  /// channels) loses more to int8 than the VGG fixtures in either form: top-1 agreement
  /// 263 and 266 of 288, accuracy 0.795 and 0.802 against 0.816, held here at 0.9 and
  /// 0.03 as a floor, not a goal.
  @Test func int8PreResNetKeepsItsAccuracyWithOneRounding() throws {
    var split = try Self.split(logits: "vgg/logits/trained-testset.npy")
    let checkpoint = "prune/preresnet-trained.pth.tar"
    let float32 = try RuntimeProbe.run(
      try Packer.pack(checkpointAt: Fixtures.path(checkpoint), options: PackOptions()).bytes,
      inputs: split.evaluation.map(\.input))
    for k in split.evaluation.indices { split.evaluation[k].float32 = float32[k] }
    var sqnr: [Int8Rounding: Double] = [:]
    for rounding in Int8Rounding.allCases {
      var options = PackOptions()
      options.quantization = QuantizationOptions(calibration: split.calibration)
      options.quantization?.rounding = rounding
      options.quantization?.reportSamples = 4
      let result = try Packer.pack(checkpointAt: Fixtures.path(checkpoint), options: options)
      let opcodes = try SlimModel(copying: result.bytes).operators.map(\.opcode)
      let single = rounding == .single
      #expect(opcodes.filter { $0 == (single ? .addInt8SingleRounding : .addInt8) }.count == 3)
      #expect(opcodes.filter { $0 == .scaleShiftInt8 }.count == (single ? 4 : 0))
      // With one rounding the channel selections stay int8: the one dequantize is the logits'.
      #expect(opcodes.filter { $0 == .gatherChannelsInt8 }.count == (single ? 4 : 0))
      #expect(opcodes.filter { $0 == .dequantize }.count == (single ? 1 : 5))
      #expect(single || opcodes.allSatisfy { $0.rawValue <= 30 }, "a tflite file uses a format 1.7 opcode")
      let outputs = try RuntimeProbe.run(result.bytes, inputs: split.evaluation.map(\.input))
      let (agree, int8Correct, float32Correct) = Self.score(outputs, split.evaluation.map { ($0.label, $0.float32) })
      let n = Double(split.evaluation.count)
      sqnr[rounding] = QuantizationReport.error(outputs.flatMap { $0 }, float32.flatMap { $0 }).sqnr
      print(
        "int8 \(checkpoint), \(rounding) rounding: held-out \(split.evaluation.count) images, top-1 agreement "
          + "\(agree), accuracy float32 \(Double(float32Correct) / n) int8 \(Double(int8Correct) / n), logit SQNR "
          + "\(sqnr[rounding]!) dB")
      #expect(Double(agree) / n >= 0.9)
      #expect(Double(float32Correct - int8Correct) / n <= 0.03)
    }
    #expect(sqnr[.single]! >= sqnr[.tflite]! - 0.5)
  }
}
