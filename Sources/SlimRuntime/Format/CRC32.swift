/// CRC-32 as zlib and PNG compute it (polynomial 0xEDB88320, reflected,
/// initial value and final XOR 0xFFFFFFFF). `checksum("123456789") == 0xCBF43926`.
///
/// Table-driven, one table lookup per byte; the 1 KiB table is built once on
/// first use.
public enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { (n: UInt32) -> UInt32 in
    var c = n
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

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
    table.withUnsafeBufferPointer { t in
      for byte in bytes { c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
    }
    return ~c
  }
}
