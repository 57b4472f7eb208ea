/// CRC-32 as zlib and PNG compute it (polynomial 0xEDB88320, reflected,
/// initial value and final XOR 0xFFFFFFFF). `checksum("123456789") == 0xCBF43926`.
///
/// Table-driven, slicing-by-8 (eight lookups per 8 bytes, independent of
/// each other, several times faster than a byte at a time; loading checks the
/// CRC of every section, weights included); the 8 KiB of tables are built once
/// on first use.
public enum CRC32 {
  /// `tables[k * 256 + n]`: the CRC of byte `n` followed by `k` zero bytes.
  private static let tables: [UInt32] = {
    var tables = (0..<256).map { (n: UInt32) -> UInt32 in
      var c = n
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
      return c
    }
    for k in 1..<8 {
      for n in 0..<256 {
        let previous = tables[(k - 1) * 256 + n]
        tables.append((previous >> 8) ^ tables[Int(previous & 0xFF)])
      }
    }
    return tables
  }()

  /// The CRC of `bytes`. Cost: O(bytes.count).
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    update(0, with: bytes)
  }

  /// The CRC of a byte array.
  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  /// Continues a finished CRC over more bytes, like zlib's `crc32(crc, buf, len)`:
  /// `update(checksum(a), with: b) == checksum(a + b)`; start from 0.
  public static func update(_ crc: UInt32, with bytes: UnsafeRawBufferPointer) -> UInt32 {
    var c = ~crc
    tables.withUnsafeBufferPointer { t in
      let words = bytes.count / 8
      for word in 0..<words {
        let v = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: word &* 8, as: UInt64.self)) ^ UInt64(c)
        func lookup(_ table: Int, _ shift: UInt64) -> UInt32 {
          t[table &* 256 &+ Int(truncatingIfNeeded: (v >> shift) & 0xFF)]
        }
        c =
          lookup(7, 0) ^ lookup(6, 8) ^ lookup(5, 16) ^ lookup(4, 24)
          ^ lookup(3, 32) ^ lookup(2, 40) ^ lookup(1, 48) ^ lookup(0, 56)
      }
      for byte in bytes[(words &* 8)...] { c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
    }
    return ~c
  }
}
