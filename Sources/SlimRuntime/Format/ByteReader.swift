/// A bounds-checked little-endian cursor over the bytes of one section.
///
/// Every read checks the remaining length first and throws
/// `SlimError.truncated` naming the section and offset, so parsers never index
/// past the buffer whatever the input. Reads are unaligned loads, so sections
/// need no particular alignment for parsing. Cost: O(1) per read.
struct ByteReader {
  let bytes: UnsafeRawBufferPointer
  /// Tag of the section being read, for error messages.
  let section: FourCC
  private(set) var position = 0

  init(_ bytes: UnsafeRawBufferPointer, section: FourCC) {
    self.bytes = bytes
    self.section = section
  }

  var remaining: Int { bytes.count - position }
  var isAtEnd: Bool { position == bytes.count }

  mutating func readU8() throws(SlimError) -> UInt8 { try read(UInt8.self) }
  mutating func readU16() throws(SlimError) -> UInt16 { try read(UInt16.self) }
  mutating func readU32() throws(SlimError) -> UInt32 { try read(UInt32.self) }
  mutating func readU64() throws(SlimError) -> UInt64 { try read(UInt64.self) }
  mutating func readI32() throws(SlimError) -> Int32 { try read(Int32.self) }
  mutating func readI64() throws(SlimError) -> Int64 { try read(Int64.self) }
  mutating func readF32() throws(SlimError) -> Float { Float(bitPattern: try readU32()) }

  /// Reads one little-endian integer.
  mutating func read<T: FixedWidthInteger>(_: T.Type) throws(SlimError) -> T {
    let start = try advance(by: MemoryLayout<T>.size)
    return T(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: T.self))
  }

  /// Returns the next `count` bytes as a view into the section (no copy).
  mutating func readBytes(_ count: Int) throws(SlimError) -> UnsafeRawBufferPointer {
    let start = try advance(by: count)
    return UnsafeRawBufferPointer(rebasing: bytes[start..<start + count])
  }

  /// Skips `count` bytes.
  mutating func skip(_ count: Int) throws(SlimError) { _ = try advance(by: count) }

  /// Skips the padding up to the next multiple of 4 of the section offset.
  mutating func skipPaddingTo4() throws(SlimError) {
    try skip((4 - position & 3) & 3)
  }

  /// Moves the cursor `count` bytes on and returns where it was; throws
  /// (moving nothing) when fewer than `count` bytes remain or `count` is negative.
  private mutating func advance(by count: Int) throws(SlimError) -> Int {
    guard count >= 0, count <= remaining else {
      throw .truncated(section: section, offset: position, needed: count)
    }
    defer { position += count }
    return position
  }
}
