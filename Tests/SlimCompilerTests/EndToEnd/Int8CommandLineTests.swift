import Foundation
import SlimCompiler
import SlimRuntime
import Testing

/// `slim-pack --int8` as a user runs it: a calibration folder, the report, exit codes.
@Suite struct Int8CommandLineTests {
  @Test func packInt8FromACalibrationFolderThenRun() throws {
    // Eight uint8 digits as raw HWC files, as a user's image folder would hold them.
    let (folder, calibration) = try PixelInputCommandLineTests.calibrationFolder()
    let (mean, std) = try Fixtures.normalization()
    let model = folder.appendingPathComponent("int8.slim").path
    let pack = try CommandLineTests.run(
      "slim-pack",
      [
        Fixtures.path("vgg/pruned.pth.tar"), model, "--int8", "--calibration", calibration.path,
        "--mean", mean.map { "\($0)" }.joined(separator: ","), "--std", std.map { "\($0)" }.joined(separator: ","),
      ])
    #expect(pack.status == 0, "\(pack.stderr)")
    #expect(pack.stdout.contains("calibrated on 8 inputs (minmax)"))
    #expect(pack.stdout.contains("bit for bit"))
    #expect(pack.stdout.contains("SQNR"))
    #expect(!pack.stderr.contains("calibrating ["), "no progress bar when stderr is not a terminal")
    let run = try CommandLineTests.run("slim-run", [model, Fixtures.path("vgg/inputs/digit-3.u8")])
    #expect(run.status == 0, "\(run.stderr)")
  }

  @Test func int8OptionsAreChecked() throws {
    let folder = try CommandLineTests.scratch()
    let model = folder.appendingPathComponent("x.slim").path
    let checkpoint = Fixtures.path("vgg/pruned.pth.tar")
    let noCalibration = try CommandLineTests.run("slim-pack", [checkpoint, model, "--int8"])
    #expect(noCalibration.status == 64)
    #expect(noCalibration.stderr.contains("calibration"))
    let calibrationWithoutInt8 = try CommandLineTests.run(
      "slim-pack", [checkpoint, model, "--calibration", Fixtures.path("vgg/inputs/batch.npy")])
    #expect(calibrationWithoutInt8.status == 64)
    let missing = try CommandLineTests.run(
      "slim-pack", [checkpoint, model, "--int8", "--calibration", folder.appendingPathComponent("none").path])
    #expect(missing.status == 66)
    let malformed = folder.appendingPathComponent("bad.f32")
    try Data([1, 2, 3]).write(to: malformed)
    let bad = try CommandLineTests.run("slim-pack", [checkpoint, model, "--int8", "--calibration", malformed.path])
    #expect(bad.status == 65)
    let unknownLayer = try CommandLineTests.run(
      "slim-pack",
      [checkpoint, model, "--int8", "--calibration", Fixtures.path("vgg/inputs/batch.npy"), "--keep-float", "nope"])
    #expect(unknownLayer.status == 64)
    #expect(unknownLayer.stderr.contains("no layer named 'nope'"))
    let roundingWithoutInt8 = try CommandLineTests.run("slim-pack", [checkpoint, model, "--int8-rounding", "tflite"])
    #expect(roundingWithoutInt8.status == 64)
    #expect(roundingWithoutInt8.stderr.contains("--int8-rounding"))
    let unknownRounding = try CommandLineTests.run(
      "slim-pack",
      [checkpoint, model, "--int8", "--calibration", Fixtures.path("vgg/inputs/batch.npy"), "--int8-rounding", "half"])
    #expect(unknownRounding.status == 64)
    #expect(!FileManager.default.fileExists(atPath: model))
  }

  /// `--int8-rounding` picks the opcodes of a pre-activation ResNet's adds, scale-and-shift
  /// layers and channel selections: 31–33 by default; with `tflite`, TensorFlow Lite's 27
  /// and 22 and float32 selections, nothing a format 1.6 runtime does not know.
  @Test func int8RoundingPicksTheOpcodes() throws {
    let folder = try CommandLineTests.scratch()
    for rounding in ["single", "tflite"] {
      let model = folder.appendingPathComponent("\(rounding).slim").path
      let pack = try CommandLineTests.run(
        "slim-pack",
        [
          Fixtures.path("prune/preresnet-trained.pth.tar"), model, "--int8", "--calibration",
          Fixtures.path("vgg/inputs/batch.npy"), "--int8-rounding", rounding, "-q",
        ])
      #expect(pack.status == 0, "\(pack.stderr)")
      let opcodes = try SlimModel(contentsOfFile: model).operators.map(\.opcode)
      #expect(opcodes.contains(.addInt8SingleRounding) == (rounding == "single"))
      #expect(opcodes.contains(.scaleShiftInt8) == (rounding == "single"))
      #expect(opcodes.contains(.addInt8) == (rounding == "tflite"))
      // `tflite` files carry only opcodes a format 1.6 runtime knows, channel selections included.
      #expect(opcodes.contains(.gatherChannelsInt8) == (rounding == "single"))
      #expect(rounding == "single" || opcodes.allSatisfy { $0.rawValue <= 30 })
    }
  }
}
