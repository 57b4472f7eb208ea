import Testing

@testable import SlimCompiler

@Suite struct CheckpointHostileTests {
  static let hostileNames = CheckpointFixtures.hostileFiles.keys.sorted()

  @Test(arguments: hostileNames)
  func hostileFileGetsItsTypedError(name: String) {
    let expected = CheckpointFixtures.hostileFiles[name]
    let error = CheckpointFixtures.readError(name)
    #expect(
      error.map(CheckpointFixtures.caseName) == expected, "\(name): \(String(describing: error))")
    if let error { #expect(!error.description.isEmpty) }
  }

  @Test(arguments: [
    ("global_os_system.pt", "os", "system"),
    ("global_posix_system.pt", "posix", "system"),
    ("global_builtins_eval.pt", "builtins", "eval"),
    ("global_subprocess_popen.pt", "subprocess", "Popen"),
    ("stack_global_subprocess_popen.pt", "subprocess", "Popen"),
  ])
  func forbiddenGlobalIsNamed(name: String, module: String, global: String) {
    let error = CheckpointFixtures.readError(name)
    #expect(error == .forbiddenGlobal(module: module, name: global))
    #expect(error?.description.contains("\(module).\(global)") == true)
  }

  @Test func exactErrorPayloads() {
    #expect(
      CheckpointFixtures.readError("binget_out_of_range.pt") == .memoOutOfRange(index: 5, offset: 5)
    )
    #expect(
      CheckpointFixtures.readError("unsupported_opcode.pt")
        == .unsupportedOpcode(opcode: 0x53, offset: 2))
    #expect(CheckpointFixtures.readError("stack_underflow.pt") == .stackUnderflow(offset: 2))
    #expect(CheckpointFixtures.readError("deep_lists.pt") == .nestingTooDeep(limit: 1_000))
    #expect(
      CheckpointFixtures.readError("storage_too_small.pt")
        == .storageTooSmall(key: "0", needed: 400, available: 24))
    #expect(CheckpointFixtures.readError("view_outside_storage.pt") == .tensorOutOfBounds(key: "0"))
    #expect(
      CheckpointFixtures.readError("missing_storage.pt") == .missingEntry(name: "parameter/data/99")
    )
    #expect(CheckpointFixtures.readError("big_endian.pt") == .bigEndian)
    #expect(CheckpointFixtures.readError("legacy.pt") == .legacyFormat)
    #expect(
      CheckpointFixtures.readError("zip_crc_mismatch.pt")
        == .crcMismatch(entry: "parameter/data.pkl"))
  }

  @Test func legacyMessageSaysWhatToDo() {
    #expect(CheckpointError.legacyFormat.description.contains("re-save"))
  }
}
