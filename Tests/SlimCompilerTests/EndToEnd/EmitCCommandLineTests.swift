import Foundation
import Testing

/// `slim-pack --emit-c`: the C source holds exactly the `.slim` file's bytes.
@Suite struct EmitCCommandLineTests {
  @Test func emitCWritesTheSlimFileAsAnAlignedArray() throws {
    let folder = try CommandLineTests.scratch()
    let model = folder.appendingPathComponent("digits.slim").path
    let source = folder.appendingPathComponent("digits.c").path
    let pack = try CommandLineTests.run(
      "slim-pack", [Fixtures.path("vgg/finetuned.pth.tar"), model, "--emit-c", source, "--c-symbol", "digits", "-q"])
    #expect(pack.status == 0, "\(pack.stderr)")
    let slim = try [UInt8](Data(contentsOf: URL(fileURLWithPath: model)))
    let text = try String(contentsOfFile: source, encoding: .utf8)
    #expect(CSourceEmitterTests.arrayBytes(text) == slim)
    #expect(text.contains("_Alignas(64) const uint8_t digits[\(slim.count)]"))
    #expect(text.contains("const size_t digits_size = \(slim.count);"))
  }

  @Test func badSymbolIsAUsageErrorAndWritesNothing() throws {
    let folder = try CommandLineTests.scratch()
    let model = folder.appendingPathComponent("digits.slim").path
    let source = folder.appendingPathComponent("digits.c").path
    let pack = try CommandLineTests.run(
      "slim-pack", [Fixtures.path("vgg/finetuned.pth.tar"), model, "--emit-c", source, "--c-symbol", "9lives"])
    #expect(pack.status == 64)
    #expect(pack.stderr.contains("'9lives' is not a C identifier"))
    #expect(!FileManager.default.fileExists(atPath: model))
    #expect(!FileManager.default.fileExists(atPath: source))
  }

  @Test func emitCRefusesToOverwriteTheCheckpoint() throws {
    let folder = try CommandLineTests.scratch()
    let checkpoint = folder.appendingPathComponent("model.pth.tar").path
    try FileManager.default.copyItem(atPath: Fixtures.path("vgg/finetuned.pth.tar"), toPath: checkpoint)
    let before = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
    let pack = try CommandLineTests.run(
      "slim-pack", [checkpoint, folder.appendingPathComponent("m.slim").path, "--emit-c", checkpoint])
    #expect(pack.status == 73)
    #expect(try Data(contentsOf: URL(fileURLWithPath: checkpoint)) == before)
  }
}
