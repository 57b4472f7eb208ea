import Foundation
import SlimCompiler
import Testing

/// `slim-prune` and `slim-pack --prune` as a user runs them.
@Suite struct PruneCommandLineTests {
  @Test func prunesWritesAndReportsPerLayer() throws {
    let out = try CommandLineTests.scratch().appendingPathComponent("pruned.pth.tar").path
    let run = try CommandLineTests.run("slim-prune", [Fixtures.path("vgg/trained.pth.tar"), out, "--percent", "0.5"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("cfg [6, 'M', 11, 'M', 20, 17, 'M', 22, 27, 'M', 32, 36]"))
    #expect(run.stdout.contains("feature.1"))
    #expect(run.stdout.contains("verification"))
    let model = try ModelImporter.importCheckpoint(at: out)
    #expect(model.configFromCheckpoint)
  }

  @Test(arguments: [["--percent", "1"], ["--percent=-0.5"], ["--min-channels", "0"]])
  func badOptionsAreUsageErrors(_ options: [String]) throws {
    let out = try CommandLineTests.scratch().appendingPathComponent("p.pth.tar").path
    let run = try CommandLineTests.run("slim-prune", [Fixtures.path("vgg/trained.pth.tar"), out] + options)
    #expect(run.status == 64)
    #expect(run.stderr.contains("slim-prune: error:"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func refusesToOverwriteItsInput() throws {
    let folder = try CommandLineTests.scratch()
    let copy = folder.appendingPathComponent("trained.pth.tar").path
    try FileManager.default.copyItem(atPath: Fixtures.path("vgg/trained.pth.tar"), toPath: copy)
    let run = try CommandLineTests.run("slim-prune", [copy, copy])
    #expect(run.status == 73)
  }

  @Test func packWithPruneWritesAVerifiedModel() throws {
    let out = try CommandLineTests.scratch().appendingPathComponent("m.slim").path
    let run = try CommandLineTests.run(
      "slim-pack", [Fixtures.path("prune/preresnet-trained.pth.tar"), out, "--prune", "0.5"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("cfg [2, 1, 3, 8, 6, 5, 13, 8, 7, 32]"))
    #expect(FileManager.default.fileExists(atPath: out))
  }
}
