import Foundation
import Testing

/// `slim-report` as a user runs it: outputs, files and exit codes.
@Suite struct ReportCommandLineTests {
  static func packedModel() throws -> (folder: URL, model: String) {
    let folder = try CommandLineTests.scratch()
    let model = folder.appendingPathComponent("finetuned.slim").path
    try Data(ReportFixture.finetuned).write(to: URL(fileURLWithPath: model))
    return (folder, model)
  }

  @Test func writesTableJSONAndPage() throws {
    let (folder, model) = try Self.packedModel()
    let json = folder.appendingPathComponent("r.json").path
    let html = folder.appendingPathComponent("r.html").path
    let run = try CommandLineTests.run(
      "slim-report",
      [
        model, "--baseline", Fixtures.path("vgg/trained.pth.tar"), "--measure", "--runs", "2", "--json", json, "--html",
        html,
      ])
    #expect(run.status == 0, "\(run.stderr)")
    // Not a terminal: no colour, no progress bar.
    #expect(!run.stdout.contains("\u{1B}["))
    #expect(run.stderr.isEmpty)
    #expect(run.stdout.contains("64 → 36"))
    #expect(run.stdout.contains("latency"))
    let document =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
    #expect((document["gamma"] as? [String: Any])?["thresholdSource"] as? String == "derived")
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("Latency per layer"))
  }

  @Test func badInputsHaveTheirExitCodes() throws {
    let (folder, model) = try Self.packedModel()
    let missing = try CommandLineTests.run("slim-report", [folder.appendingPathComponent("none.slim").path])
    #expect(missing.status == 66)
    let notSlim = try CommandLineTests.run("slim-report", [Fixtures.path("vgg/manifest.json")])
    #expect(notSlim.status == 65)
    #expect(notSlim.stderr.hasPrefix("slim-report: error:"))
    let percent = try CommandLineTests.run(
      "slim-report", [model, "--baseline", Fixtures.path("vgg/trained.pth.tar"), "--percent", "1.5"])
    #expect(percent.status == 64)
    let mismatch = try CommandLineTests.run(
      "slim-report", [model, "--baseline", Fixtures.path("vgg/vgg16-tiny.pth.tar")])
    #expect(mismatch.status == 65)
    #expect(mismatch.stderr.contains("does not match"))
    let overwrite = try CommandLineTests.run("slim-report", [model, "--json", model])
    #expect(overwrite.status == 73)
    #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == Data(ReportFixture.finetuned))
  }
}
