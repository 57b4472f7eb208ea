import Foundation
import SlimCompiler
import Testing

/// `slim-pack --int8 --input uint8` as a user runs it, then `slim-run` and `slim-report`
/// on the model: raw pixels in, the float-input int8 model's outputs out, float input
/// refused, and every wrong combination of options with its exit code.
@Suite struct PixelInputCommandLineTests {
  /// A folder of eight uint8 HWC digits, as a user's image folder would hold them.
  static func calibrationFolder() throws -> (folder: URL, calibration: URL) {
    let folder = try CommandLineTests.scratch()
    let calibration = folder.appendingPathComponent("calibration")
    try FileManager.default.createDirectory(at: calibration, withIntermediateDirectories: true)
    let digits = try Fixtures.npy("vgg/testset-8x8.npy")
    for n in 0..<8 {
      let pixels = TestImages.upsampledRGB(digits, index: n).map { UInt8($0) }
      try Data(pixels).write(to: calibration.appendingPathComponent("digit-\(n).u8"))
    }
    return (folder, calibration)
  }

  static func normalization() throws -> [String] {
    let (mean, std) = try Fixtures.normalization()
    return [
      "--mean", mean.map { "\($0)" }.joined(separator: ","), "--std", std.map { "\($0)" }.joined(separator: ","),
    ]
  }

  @Test func packPixelModelThenRunReportAndRefuseFloats() throws {
    let (folder, calibration) = try Self.calibrationFolder()
    let pixelModel = folder.appendingPathComponent("u8.slim").path
    let floatModel = folder.appendingPathComponent("f32.slim").path
    let checkpoint = Fixtures.path("vgg/finetuned.pth.tar")
    let pack = try CommandLineTests.run(
      "slim-pack",
      [checkpoint, pixelModel, "--int8", "--input", "uint8", "--calibration", calibration.path]
        + Self.normalization())
    #expect(pack.status == 0, "\(pack.stderr)")
    #expect(pack.stdout.contains("uint8 pixels [1, 32, 32, 3]"))
    #expect(pack.stdout.contains("bit for bit"))
    let packFloat = try CommandLineTests.run(
      "slim-pack", [checkpoint, floatModel, "--int8", "--calibration", calibration.path] + Self.normalization())
    #expect(packFloat.status == 0, "\(packFloat.stderr)")

    // Raw pixels into the pixel model equal the float model on the same pixels normalized on the host.
    let outputs = (0..<2).map { folder.appendingPathComponent("out-\($0).npy").path }
    let image = Fixtures.path("vgg/inputs/digit-3.u8")
    let run = try CommandLineTests.run("slim-run", [pixelModel, image, "--output", outputs[0]])
    #expect(run.status == 0, "\(run.stderr)")
    let runFloat = try CommandLineTests.run("slim-run", [floatModel, image, "--output", outputs[1]])
    #expect(runFloat.status == 0, "\(runFloat.stderr)")
    let (a, b) = (
      try NpyArray(bytes: Array(Data(contentsOf: URL(fileURLWithPath: outputs[0])))),
      try NpyArray(bytes: Array(Data(contentsOf: URL(fileURLWithPath: outputs[1]))))
    )
    #expect(a.shape == [1, 10] && a.values == b.values)
    #expect(run.stdout == runFloat.stdout)

    for (input, format) in [
      ("vgg/inputs/digit-3.f32", "auto"), ("vgg/inputs/batch.npy", "auto"), ("vgg/inputs/digit-3.u8", "f32"),
    ] {
      let refused = try CommandLineTests.run("slim-run", [pixelModel, Fixtures.path(input), "--format", format])
      #expect(refused.status == 65, "\(input)")
      #expect(refused.stderr.contains("uint8 HWC pixels are needed"), "\(refused.stderr)")
    }
    let bench = try CommandLineTests.run("slim-run", [pixelModel, image, "--bench", "2", "--warmup", "0"])
    #expect(bench.status == 0, "\(bench.stderr)")

    let json = folder.appendingPathComponent("report.json").path
    let report = try CommandLineTests.run("slim-report", [pixelModel, "--measure", "--runs", "2", "--json", json])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("quantizePixels"))
    let document =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
    let measurement = document?["measurement"] as? [String: Any]
    #expect(measurement?["input"] as? String == "uniform uint8 pixels (ProbeInput)")
    let schema = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: ReportRenderingTests.schemaPath)))
    let problems = SchemaChecker().problems(document as Any, schema as! [String: Any])
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func pixelInputOptionsAreChecked() throws {
    let (folder, calibration) = try Self.calibrationFolder()
    let model = folder.appendingPathComponent("x.slim").path
    let checkpoint = Fixtures.path("vgg/pruned.pth.tar")
    let base = [checkpoint, model, "--input", "uint8"]
    let withoutInt8 = try CommandLineTests.run("slim-pack", base + Self.normalization())
    #expect(withoutInt8.status == 64)
    #expect(withoutInt8.stderr.contains("--input uint8 needs --int8"))
    let withoutStatistics = try CommandLineTests.run("slim-pack", base + ["--int8", "--calibration", calibration.path])
    #expect(withoutStatistics.status == 64)
    #expect(withoutStatistics.stderr.contains("--mean and --std"))
    let floatCalibration = try CommandLineTests.run(
      "slim-pack", base + ["--int8", "--calibration", Fixtures.path("vgg/inputs/batch.npy")] + Self.normalization())
    #expect(floatCalibration.status == 65)
    #expect(floatCalibration.stderr.contains("uint8 HWC pixels are needed"))
    let floatFirst = try CommandLineTests.run(
      "slim-pack",
      base + ["--int8", "--calibration", calibration.path, "--keep-float", "first"] + Self.normalization())
    #expect(floatFirst.status == 64)
    #expect(floatFirst.stderr.contains("would read the pixels in float32"), "\(floatFirst.stderr)")
    let unknown = try CommandLineTests.run("slim-pack", base + ["--int8"] + Self.normalization() + ["--input", "rgb"])
    #expect(unknown.status == 64)
    #expect(!FileManager.default.fileExists(atPath: model))
  }
}
