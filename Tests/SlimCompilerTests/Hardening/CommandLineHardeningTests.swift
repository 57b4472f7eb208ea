import Foundation
import SlimCompiler
import Testing

/// Failures of the two tools: documented exit code, a message on stderr that says
/// what to do, no partial output and an untouched input.
@Suite struct CommandLineHardeningTests {
  typealias CLI = CommandLineTests

  @Test func unopenableModelIsExit66AndDamagedModelIs65() throws {
    let folder = try CLI.scratch()
    let input = Fixtures.path("vgg/inputs/digit-0.f32")
    let missing = try CLI.run("slim-run", [folder.appendingPathComponent("none.slim").path, input])
    #expect(missing.status == ExitStatus.cannotOpen.rawValue)
    #expect(missing.stderr.hasPrefix("slim-run: error: cannot open the model"))

    let model = folder.appendingPathComponent("m.slim").path
    #expect(try CLI.run("slim-pack", [Fixtures.path("vgg/pruned.pth.tar"), model, "-q"]).status == 0)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: model))
    bytes[100] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: model))
    let damaged = try CLI.run("slim-run", [model, input])
    #expect(damaged.status == ExitStatus.badInput.rawValue)
    #expect(damaged.stderr.contains("re-pack"))
  }

  @Test func outputsThatCannotBeWrittenLeaveNothingAndKeepTheInput() throws {
    let folder = try CLI.scratch()
    let checkpoint = Fixtures.path("vgg/pruned.pth.tar")
    let before = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
    let nowhere = folder.appendingPathComponent("missing/m.slim").path
    let pack = try CLI.run("slim-pack", [checkpoint, nowhere, "-q"])
    #expect(pack.status == ExitStatus.cannotWrite.rawValue)
    #expect(!FileManager.default.fileExists(atPath: nowhere))

    let model = folder.appendingPathComponent("m.slim").path
    #expect(try CLI.run("slim-pack", [checkpoint, model, "-q"]).status == 0)
    let input = folder.appendingPathComponent("x.f32").path
    try FileManager.default.copyItem(atPath: Fixtures.path("vgg/inputs/digit-1.f32"), toPath: input)
    let inputBytes = try Data(contentsOf: URL(fileURLWithPath: input))
    for output in [input, model] {
      let run = try CLI.run("slim-run", [model, input, "--output", output])
      #expect(run.status == ExitStatus.cannotWrite.rawValue, "\(run.stderr)")
      #expect(run.stderr.contains("input file"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == inputBytes)
    let intoMissing = try CLI.run(
      "slim-run", [model, input, "--output", folder.appendingPathComponent("no/o.npy").path])
    #expect(intoMissing.status == ExitStatus.cannotWrite.rawValue)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["m.slim", "x.f32"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: checkpoint)) == before)
  }
}
