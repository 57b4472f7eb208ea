import SlimRuntime

/// Recomputes the CRCs of a `.slim` file after its bytes were edited.
///
/// For hardening: the corruption tests and the `slim` fuzz target change bytes
/// and then repair the checksums, so that the change reaches the section parsers
/// and validation behind the CRC checks instead of stopping at them.
public enum SlimChecksums {
  /// Rewrites every section entry's CRC (over its stored bytes) and the table
  /// CRC. Leaves `bytes` unchanged when the header's section count is out of
  /// range or the table does not fit; skips entries whose range is outside the
  /// file. Cost: O(file size).
  public static func repair(_ bytes: inout [UInt8]) {
    guard bytes.count >= SlimFormat.headerSize else { return }
    let count = Int(truncatingIfNeeded: read32(bytes, at: 24))
    guard (1...SlimFormat.maxSectionCount).contains(count) else { return }
    let tableEnd = SlimFormat.headerSize + count * SlimFormat.sectionEntrySize
    guard tableEnd <= bytes.count else { return }
    for index in 0..<count {
      let entry = SlimFormat.headerSize + index * SlimFormat.sectionEntrySize
      let offset = read64(bytes, at: entry + 8)
      let size = read64(bytes, at: entry + 16)
      guard offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else { continue }
      let crc = bytes[Int(offset)..<Int(offset + size)].withUnsafeBytes { CRC32.checksum($0) }
      write32(&bytes, crc, at: entry + 32)
    }
    let tableCRC = bytes.withUnsafeBytes { raw in
      CRC32.update(
        CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<40])),
        with: UnsafeRawBufferPointer(rebasing: raw[SlimFormat.headerSize..<tableEnd]))
    }
    write32(&bytes, tableCRC, at: 40)
  }

  private static func read32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
  }

  private static func read64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
  }

  private static func write32(_ bytes: inout [UInt8], _ value: UInt32, at offset: Int) {
    for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
  }
}
