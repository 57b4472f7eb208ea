import Foundation
import SlimCompiler
import Testing

/// The two tools as a user runs them: arguments, output, files and exit codes.
@Suite struct CommandLineTests {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func binary(_ name: String) throws -> URL {
    let candidates =
      [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
      + [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    for folder in candidates {
      let url = folder.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
  }

  static func run(_ tool: String, _ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = try binary(tool)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  static func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("slim-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func packThenRunPrintsPyTorchsTop1() throws {
    let folder = try Self.scratch()
    let model = folder.appendingPathComponent("digits.slim").path
    let (mean, std) = try Fixtures.normalization()
    let pack = try Self.run(
      "slim-pack",
      [
        Fixtures.path("vgg/finetuned.pth.tar"), model, "--mean", mean.map { "\($0)" }.joined(separator: ","),
        "--std", std.map { "\($0)" }.joined(separator: ","), "--labels",
        (0..<10).map { "d\($0)" }.joined(separator: ","),
      ])
    #expect(pack.status == 0, "\(pack.stderr)")
    #expect(pack.stdout.contains("verified"))

    let golden = Fixtures.rows(try Fixtures.npy("vgg/logits/finetuned.npy"))
    for index in 0..<8 {
      let expected = "d\(Comparison.argmax(golden[index]))"
      for form in ["f32", "u8"] {
        let run = try Self.run("slim-run", [model, Fixtures.path("vgg/inputs/digit-\(index).\(form)"), "--top", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix(" 1. \(expected) "), "digit-\(index).\(form): \(run.stdout)")
      }
    }

    let logits = folder.appendingPathComponent("logits.npy").path
    let batch = try Self.run("slim-run", [model, Fixtures.path("vgg/inputs/batch.npy"), "--output", logits])
    #expect(batch.status == 0, "\(batch.stderr)")
    let written = Fixtures.rows(try NpyArray(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: logits)))))
    for (row, expected) in zip(written, golden) {
      #expect(Comparison(candidate: row, reference: expected).within(1e-4))
    }
  }

  @Test func errorsHaveMessagesAndExitCodes() throws {
    let folder = try Self.scratch()
    let model = folder.appendingPathComponent("m.slim").path
    let input = Fixtures.path("vgg/pruned.pth.tar")

    let missing = try Self.run("slim-pack", [folder.appendingPathComponent("none.pth").path, model])
    #expect(missing.status == ExitStatus.cannotOpen.rawValue)
    #expect(missing.stderr.hasPrefix("slim-pack: error: "))

    let overwrite = try Self.run("slim-pack", [input, input])
    #expect(overwrite.status == ExitStatus.cannotWrite.rawValue)
    #expect(overwrite.stderr.contains("input"))

    let badMean = try Self.run("slim-pack", [input, model, "--mean", "0.5"])
    #expect(badMean.status == ExitStatus.usage.rawValue)
    #expect(!FileManager.default.fileExists(atPath: model))

    let notACheckpoint = try Self.run("slim-pack", [Fixtures.path("vgg/manifest.json"), model])
    #expect(notACheckpoint.status == ExitStatus.badInput.rawValue)

    #expect(try Self.run("slim-pack", [input, model, "-q"]).status == 0)
    let wrongSize = try Self.run("slim-run", [model, Fixtures.path("vgg/manifest.json")])
    #expect(wrongSize.status == ExitStatus.badInput.rawValue)
    #expect(wrongSize.stderr.contains("12288 bytes of raw float32"))

    let notAModel = try Self.run("slim-run", [input, Fixtures.path("vgg/inputs/digit-0.f32")])
    #expect(notAModel.status == ExitStatus.badInput.rawValue)
  }
}
