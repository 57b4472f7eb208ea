import Foundation
import Testing

@testable import SlimCompiler

/// `slim-prune model.onnx pruned.onnx` as a user runs it: exit codes from README's
/// table, the file written (or not), the input never overwritten.
@Suite struct ONNXPruneCommandLineTests {
  static let resnet = "onnx/resnet18-w16.onnx"

  @Test func prunesAndWritesAnOnnxModel() throws {
    let out = try CommandLineTests.scratch().appendingPathComponent("pruned.onnx").path
    let run = try CommandLineTests.run(
      "slim-prune", [Fixtures.path(Self.resnet), out, "--method", "l1", "--ratio", "0.3"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("/layer1/layer1.0/conv1/Conv"))
    #expect(run.stdout.contains("verification (masked vs pruned"))
    #expect(run.stdout.contains("round trip"))
    #expect(run.stdout.contains("ONNX)"))
    #expect(!run.stdout.contains("cfg "))
    let original = try ONNXImporter.importModel(at: Fixtures.path(Self.resnet))
    let pruned = try ONNXImporter.importModel(at: out)
    let before = LayerCost.total(original.graph).parameters, after = LayerCost.total(pruned.graph).parameters
    #expect(after < before)
    #expect(run.stdout.contains("parameters \(before) -> \(after)"))
  }

  @Test func slimmingWithoutBatchNormsIsBadInputAndWritesNothing() throws {
    let out = try CommandLineTests.scratch().appendingPathComponent("pruned.onnx").path
    let run = try CommandLineTests.run("slim-prune", [Fixtures.path(Self.resnet), out, "--percent", "0.5"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("no batch norm"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func modelThatCannotBeWrittenBackIsBadInputAndWritesNothing() throws {
    let input = try ONNXPruneWriteBackTests.save(ONNXPruneWriteBackTests.model(shareSecondWeight: true))
    let out = URL(fileURLWithPath: input).deletingLastPathComponent().appendingPathComponent("out.onnx").path
    let run = try CommandLineTests.run("slim-prune", [input, out, "--percent", "0.3"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("cannot write the pruned ONNX model: initializer 'w1x1'"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func packWithPruneAcceptsOnnx() throws {
    let input = try ONNXPruneWriteBackTests.save(ONNXPruneWriteBackTests.model())
    let out = URL(fileURLWithPath: input).deletingLastPathComponent().appendingPathComponent("m.slim").path
    let run = try CommandLineTests.run("slim-pack", [input, out, "--prune", "0.3"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("bn1                     narrowed  6 -> 4"))
    #expect(FileManager.default.fileExists(atPath: out))
  }

  @Test func refusesToOverwriteItsInput() throws {
    let copy = try CommandLineTests.scratch().appendingPathComponent("model.onnx").path
    try FileManager.default.copyItem(atPath: Fixtures.path(Self.resnet), toPath: copy)
    let run = try CommandLineTests.run("slim-prune", [copy, copy, "--method", "l1", "--ratio", "0.3"])
    #expect(run.status == 73)
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(try Fixtures.bytes(Self.resnet)))
  }

  @Test func missingAndMalformedInputs() throws {
    let folder = try CommandLineTests.scratch()
    let out = folder.appendingPathComponent("out.onnx").path
    let missing = try CommandLineTests.run("slim-prune", [folder.appendingPathComponent("none.onnx").path, out])
    #expect(missing.status == 66)
    let broken = folder.appendingPathComponent("broken.onnx")
    try Data([0x08, 0x07, 0x12, 0xFF]).write(to: broken)
    let malformed = try CommandLineTests.run("slim-prune", [broken.path, out, "--method", "l1"])
    #expect(malformed.status == 65)
    #expect(malformed.stderr.contains("not a valid ONNX model"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
