/// Appends little-endian fields to a byte array (the writer's side of the
/// runtime's `ByteReader`).
struct ByteWriter {
  private(set) var bytes: [UInt8] = []

  var count: Int { bytes.count }

  mutating func write<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func write(_ value: Float) { write(value.bitPattern) }

  mutating func write(bytes other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

  /// Appends zero bytes until the count is a multiple of `alignment`.
  mutating func pad(to alignment: Int) {
    let remainder = bytes.count % alignment
    if remainder != 0 { bytes.append(contentsOf: repeatElement(0, count: alignment - remainder)) }
  }

  /// Overwrites a previously written field at `offset`.
  mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
    withUnsafeBytes(of: value.littleEndian) { raw in
      for (i, byte) in raw.enumerated() { bytes[offset + i] = byte }
    }
  }
}
