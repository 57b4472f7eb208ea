import Testing

@testable import SlimCompiler

/// Damaged input must produce a typed error or a result, never a crash.
@Suite struct CheckpointRobustnessTests {
  @Test(arguments: ["parameter.pt", "raw_zip.pt", "state_dict.pt", "zip64.pt", "deflated.pt"])
  func everyTruncationThrows(name: String) {
    let bytes = CheckpointFixtures.bytes(name)
    #expect(!bytes.isEmpty)
    for length in 0..<bytes.count {
      #expect(throws: CheckpointError.self) {
        try CheckpointReader.read(bytes: Array(bytes[..<length]))
      }
    }
  }

  @Test(arguments: ["parameter.pt", "deflated.pt", "zip64.pt"])
  func everySingleByteCorruptionReadsOrThrows(name: String) {
    let bytes = CheckpointFixtures.bytes(name)
    var random = SplitMix64(seed: 42)
    for position in bytes.indices {
      for replacement in [bytes[position] ^ 0xFF, UInt8.random(in: 0...255, using: &random)] {
        var damaged = bytes
        damaged[position] = replacement
        _ = try? CheckpointReader.read(bytes: damaged)
      }
    }
  }

  /// CRC-32 stops most damage before the unpickler, so the unpickler is
  /// fuzzed directly: every byte of a real torch pickle, several values each,
  /// and every truncation.
  @Test(arguments: ["state_dict.pt", "training.pt", "state_dict_proto4.pt"])
  func damagedPicklesReadOrThrow(name: String) throws {
    let archive = try ZipArchive(bytes: CheckpointFixtures.bytes(name), limits: CheckpointLimits())
    let prefix = String(name.prefix(while: { $0 != "." })) + "/"
    let pickleEntry = try #require(archive.entry(named: prefix + "data.pkl"))
    let pickle = Array(try archive.contents(of: pickleEntry))
    let loader: Unpickler.StorageLoader = { key throws(CheckpointError) in
      guard let entry = archive.entry(named: prefix + "data/" + key) else {
        throw .missingEntry(name: key)
      }
      return try archive.contents(of: entry)
    }
    _ = try Unpickler.unpickle(pickle, limits: CheckpointLimits(), loadStorage: loader)
    var random = SplitMix64(seed: 7)
    let interesting: [UInt8] = [
      0x00, 0x01, 0x28, 0x29, 0x2E, 0x51, 0x52, 0x62, 0x68, 0x7F, 0x80, 0xFF,
    ]
    for position in pickle.indices {
      for replacement in interesting + [UInt8.random(in: 0...255, using: &random)] {
        var damaged = pickle
        damaged[position] = replacement
        _ = try? Unpickler.unpickle(damaged, limits: CheckpointLimits(), loadStorage: loader)
      }
    }
    for length in 0..<pickle.count {
      #expect(throws: CheckpointError.self) {
        try Unpickler.unpickle(
          Array(pickle[..<length]), limits: CheckpointLimits(), loadStorage: loader)
      }
    }
  }

  @Test func limitsAreEnforced() {
    let bytes = CheckpointFixtures.bytes("state_dict.pt")
    var limits = CheckpointLimits()
    limits.maxEntries = 3
    #expect(throws: CheckpointError.tooLarge(what: "zip entry count", limit: 3)) {
      try CheckpointReader.read(bytes: bytes, limits: limits)
    }
    limits = CheckpointLimits()
    limits.maxEntryBytes = 64
    #expect(throws: CheckpointError.self) {
      try CheckpointReader.read(bytes: bytes, limits: limits)
    }
    limits = CheckpointLimits()
    limits.maxTotalTensorElements = 10
    #expect(throws: CheckpointError.tooLarge(what: "total tensor elements", limit: 10)) {
      try CheckpointReader.read(bytes: bytes, limits: limits)
    }
    limits = CheckpointLimits()
    limits.maxFileBytes = 100
    #expect(throws: CheckpointError.tooLarge(what: "checkpoint size", limit: 100)) {
      try CheckpointReader.read(bytes: bytes, limits: limits)
    }
  }

  @Test func nestingAtTheLimitReadsAndBeyondThrows() throws {
    let noStorage: Unpickler.StorageLoader = { key throws(CheckpointError) in
      throw .missingEntry(name: key)
    }
    func nested(_ depth: Int) -> [UInt8] {
      [0x80, 0x02] + [UInt8](repeating: 0x5D, count: depth)
        + [UInt8](repeating: 0x61, count: depth - 1) + [0x2E]
    }
    let value = try Unpickler.unpickle(
      nested(1_000), limits: CheckpointLimits(), loadStorage: noStorage)
    #expect(value.listValue?.count == 1)
    #expect(throws: CheckpointError.nestingTooDeep(limit: 1_000)) {
      try Unpickler.unpickle(nested(1_001), limits: CheckpointLimits(), loadStorage: noStorage)
    }
  }

  @Test func sharedContainersAreNotExpandedExponentially() throws {
    // t0 = []; t(n+1) = (tn, tn) via the memo, 60 levels: 2^60 leaves if expanded.
    var pickle: [UInt8] = [0x80, 0x02, 0x5D, 0x94]
    for level in 0..<60 {
      pickle += [0x68, UInt8(level), 0x68, UInt8(level), 0x86, 0x94]
    }
    pickle.append(0x2E)
    let noStorage: Unpickler.StorageLoader = { key throws(CheckpointError) in
      throw .missingEntry(name: key)
    }
    let value = try Unpickler.unpickle(pickle, limits: CheckpointLimits(), loadStorage: noStorage)
    #expect(value.listValue?.count == 2)
  }
}
