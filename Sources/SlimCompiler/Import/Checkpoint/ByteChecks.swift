/// Bounds-checked little-endian reads over untrusted bytes.
///
/// Every offset in a checkpoint comes from the file itself, so all reads go
/// through these helpers, which use overflow-reporting arithmetic and turn
/// any out-of-range access into `CheckpointError.truncated` rather than a trap.
enum ByteChecks {
  /// `a + b`, or an error if it overflows.
  static func add(_ a: Int, _ b: Int, _ what: String) throws(CheckpointError) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if overflow { throw .truncated(what: what) }
    return sum
  }

  /// `a * b`, or an error if it overflows.
  static func multiply(_ a: Int, _ b: Int, _ what: String, limit: Int) throws(CheckpointError)
    -> Int
  {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    if overflow || product > limit { throw .tooLarge(what: what, limit: limit) }
    return product
  }

  /// Checks that `offset ..< offset + count` lies inside `0 ..< size`.
  static func require(
    _ offset: Int, _ count: Int, within size: Int, _ what: String
  ) throws(CheckpointError) {
    guard offset >= 0, count >= 0 else { throw .truncated(what: what) }
    let end = try add(offset, count, what)
    if end > size { throw .truncated(what: what) }
  }

  /// Little-endian unsigned integer of `width` bytes at `offset`.
  static func uint(
    _ bytes: [UInt8], at offset: Int, width: Int, _ what: String
  ) throws(CheckpointError) -> UInt64 {
    try require(offset, width, within: bytes.count, what)
    var value: UInt64 = 0
    for index in stride(from: width - 1, through: 0, by: -1) {
      value = (value << 8) | UInt64(bytes[offset + index])
    }
    return value
  }

  static func u16(_ bytes: [UInt8], _ offset: Int, _ what: String) throws(CheckpointError) -> Int {
    Int(try uint(bytes, at: offset, width: 2, what))
  }

  static func u32(_ bytes: [UInt8], _ offset: Int, _ what: String) throws(CheckpointError) -> Int {
    Int(try uint(bytes, at: offset, width: 4, what))
  }

  /// A 64-bit size or offset; values above `Int.max` cannot be valid here.
  static func u64(_ bytes: [UInt8], _ offset: Int, _ what: String) throws(CheckpointError) -> Int {
    let value = try uint(bytes, at: offset, width: 8, what)
    guard value <= UInt64(Int.max) else { throw .truncated(what: what) }
    return Int(value)
  }
}
