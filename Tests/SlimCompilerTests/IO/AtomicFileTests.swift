import Foundation
import Testing

@testable import SlimCompiler

@Suite(.serialized) struct AtomicFileTests {
  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("slim-atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func writesAndReplaces() throws {
    let folder = try temporaryFolder()
    let target = folder.appendingPathComponent("out.slim").path
    try AtomicFile.write([1, 2, 3], to: target)
    try AtomicFile.write([4, 5], to: target)
    #expect(FileManager.default.contents(atPath: target) == Data([4, 5]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.slim"])
  }

  @Test func refusesToOverwriteTheInput() throws {
    let folder = try temporaryFolder()
    let input = folder.appendingPathComponent("model.pth").path
    try AtomicFile.write([9, 9, 9], to: input)
    let sameFileOtherSpelling = folder.appendingPathComponent("./sub/../model.pth").path
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    #expect(throws: AtomicFile.Failure.wouldOverwriteInput(path: sameFileOtherSpelling)) {
      try AtomicFile.write([1], to: sameFileOtherSpelling, protecting: [input])
    }
    #expect(FileManager.default.contents(atPath: input) == Data([9, 9, 9]))
  }

  @Test func failureBeforeRenameLeavesNothingBehind() throws {
    let folder = try temporaryFolder()
    let target = folder.appendingPathComponent("out.slim").path
    try AtomicFile.write([7], to: target)
    AtomicFile.testHook = { path throws(AtomicFile.Failure) in throw .writeFailed(path: path, reason: "simulated") }
    defer { AtomicFile.testHook = nil }
    #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([1, 2, 3], to: target) }
    #expect(FileManager.default.contents(atPath: target) == Data([7]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.slim"])
  }

  @Test func missingFolderIsATypedError() {
    #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([1], to: "/nonexistent-slim-folder/x.slim") }
  }

  @Test(arguments: AtomicFile.Stage.allCases)
  func failureAtEveryStepLeavesTheOldFileAndNoTemporary(stage: AtomicFile.Stage) throws {
    let folder = try temporaryFolder()
    let target = folder.appendingPathComponent("out.slim").path
    try AtomicFile.write([7], to: target)
    AtomicFile.simulatedFailure = stage
    defer { AtomicFile.simulatedFailure = nil }
    #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([1, 2, 3], to: target) }
    #expect(FileManager.default.contents(atPath: target) == Data([7]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.slim"])
  }
}
