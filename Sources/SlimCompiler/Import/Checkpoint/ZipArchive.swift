/// A read-only view of the zip container `torch.save` writes since PyTorch 1.6.
///
/// Only what torch archives need is implemented: entries are found through
/// the central directory (zip64 included), data is stored or deflated, and
/// there is one disk and no encryption. The file is hostile until proven
/// otherwise: all offsets are bounds-checked with overflow-safe arithmetic,
/// counts and sizes are capped before anything is allocated, entries may not
/// overlap each other or the directory, and CRC-32 is checked on every read.
struct ZipArchive {
  /// Entries in central-directory order.
  let entries: [ZipEntry]
  private let bytes: [UInt8]
  private let indexByName: [String: Int]

  private static let localHeaderSignature = 0x0403_4b50
  private static let centralHeaderSignature = 0x0201_4b50
  private static let endSignature = 0x0605_4b50
  private static let zip64EndSignature = 0x0606_4b50
  private static let zip64LocatorSignature = 0x0706_4b50
  private static let endRecordSize = 22
  private static let maxCommentSize = 65_535

  /// Parses the directory of `bytes`; entry data is read lazily.
  init(bytes: [UInt8], limits: CheckpointLimits) throws(CheckpointError) {
    let directory = try Self.findDirectory(bytes)
    if directory.entryCount > limits.maxEntries {
      throw .tooLarge(what: "zip entry count", limit: limits.maxEntries)
    }
    var entries: [ZipEntry] = []
    entries.reserveCapacity(directory.entryCount)
    var indexByName: [String: Int] = [:]
    var cursor = directory.offset
    let directoryEnd = try ByteChecks.add(directory.offset, directory.size, "central directory")
    var totalUncompressed = 0
    for _ in 0..<directory.entryCount {
      let (entry, next) = try Self.parseCentralHeader(
        bytes, at: cursor, directoryEnd: directoryEnd, dataLimit: directory.offset, limits: limits)
      totalUncompressed = try ByteChecks.add(
        totalUncompressed, entry.uncompressedSize, "total size")
      if totalUncompressed > limits.maxTotalUncompressedBytes {
        throw .tooLarge(
          what: "total uncompressed size of the archive", limit: limits.maxTotalUncompressedBytes)
      }
      if indexByName.updateValue(entries.count, forKey: entry.name) != nil {
        throw .duplicateEntry(name: entry.name)
      }
      entries.append(entry)
      cursor = next
    }
    try Self.checkNoOverlap(entries)
    self.entries = entries
    self.bytes = bytes
    self.indexByName = indexByName
  }

  /// The entry called exactly `name`, if any.
  func entry(named name: String) -> ZipEntry? {
    indexByName[name].map { entries[$0] }
  }

  /// The entry's uncompressed bytes, CRC-checked.
  ///
  /// Stored entries are returned as a slice of the archive buffer, so large
  /// tensor storages are never copied.
  func contents(of entry: ZipEntry) throws(CheckpointError) -> ArraySlice<UInt8> {
    let raw = bytes[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)]
    let data: ArraySlice<UInt8>
    switch entry.method {
    case .stored:
      data = raw
    case .deflated:
      guard raw.count <= Int(UInt32.max), entry.uncompressedSize <= Int(UInt32.max) else {
        throw .tooLarge(what: "deflated entry '\(entry.name)'", limit: Int(UInt32.max))
      }
      data = ArraySlice(
        try ZlibCodec.inflate(raw, expectedSize: entry.uncompressedSize, entry: entry.name))
    }
    if ZlibCodec.crc32(data) != entry.crc32 { throw .crcMismatch(entry: entry.name) }
    return data
  }

  // MARK: - End of central directory

  /// Where the central directory is and how many entries it holds.
  private struct Directory {
    var offset: Int
    var size: Int
    var entryCount: Int
  }

  /// Finds the end-of-central-directory record (scanning back over at most a
  /// maximal comment) and, when present, the zip64 record it points to.
  private static func findDirectory(_ bytes: [UInt8]) throws(CheckpointError) -> Directory {
    guard let end = locateEndRecord(bytes) else {
      // A pre-1.6 torch file is a bare pickle stream starting with PROTO 2.
      if bytes.count >= 2, bytes[0] == 0x80, bytes[1] == 0x02 { throw .legacyFormat }
      throw .notAZipArchive
    }
    let disk = try ByteChecks.u16(bytes, end + 4, "end of central directory")
    let directoryDisk = try ByteChecks.u16(bytes, end + 6, "end of central directory")
    let diskEntries = try ByteChecks.u16(bytes, end + 8, "end of central directory")
    var directory = Directory(
      offset: try ByteChecks.u32(bytes, end + 16, "end of central directory"),
      size: try ByteChecks.u32(bytes, end + 12, "end of central directory"),
      entryCount: try ByteChecks.u16(bytes, end + 10, "end of central directory"))
    if let zip64 = try zip64Directory(bytes, endRecord: end) {
      directory = zip64
    } else if disk != 0 || directoryDisk != 0 || diskEntries != directory.entryCount {
      throw .unsupportedZipFeature("multi-disk archives")
    }
    try ByteChecks.require(directory.offset, directory.size, within: end, "central directory")
    return directory
  }

  /// Offset of the last end-of-central-directory signature whose comment fits the file.
  private static func locateEndRecord(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= endRecordSize else { return nil }
    let last = bytes.count - endRecordSize
    let first = max(0, last - maxCommentSize)
    var offset = last
    while offset >= first {
      if bytes[offset] == 0x50, bytes[offset + 1] == 0x4b, bytes[offset + 2] == 0x05,
        bytes[offset + 3] == 0x06
      {
        let commentLength = Int(bytes[offset + 20]) | Int(bytes[offset + 21]) << 8
        if offset + endRecordSize + commentLength <= bytes.count { return offset }
      }
      offset -= 1
    }
    return nil
  }

  /// The zip64 directory, if a zip64 locator precedes the end record.
  private static func zip64Directory(
    _ bytes: [UInt8], endRecord: Int
  ) throws(CheckpointError) -> Directory? {
    let locator = endRecord - 20
    guard locator >= 0,
      try ByteChecks.u32(bytes, locator, "zip64 locator") == zip64LocatorSignature
    else { return nil }
    let recordDisk = try ByteChecks.u32(bytes, locator + 4, "zip64 locator")
    let record = try ByteChecks.u64(bytes, locator + 8, "zip64 locator")
    let diskCount = try ByteChecks.u32(bytes, locator + 16, "zip64 locator")
    guard recordDisk == 0, diskCount <= 1 else {
      throw .unsupportedZipFeature("multi-disk archives")
    }
    // The record must end before the locator.
    try ByteChecks.require(record, 56, within: locator, "zip64 end of central directory")
    guard try ByteChecks.u32(bytes, record, "zip64 end record") == zip64EndSignature else {
      throw .malformedArchive("zip64 locator does not point at a zip64 end record")
    }
    let disk = try ByteChecks.u32(bytes, record + 16, "zip64 end record")
    let directoryDisk = try ByteChecks.u32(bytes, record + 20, "zip64 end record")
    let diskEntries = try ByteChecks.u64(bytes, record + 24, "zip64 end record")
    let entryCount = try ByteChecks.u64(bytes, record + 32, "zip64 end record")
    guard disk == 0, directoryDisk == 0, diskEntries == entryCount else {
      throw .unsupportedZipFeature("multi-disk archives")
    }
    let directory = Directory(
      offset: try ByteChecks.u64(bytes, record + 48, "zip64 end record"),
      size: try ByteChecks.u64(bytes, record + 40, "zip64 end record"),
      entryCount: entryCount)
    try ByteChecks.require(directory.offset, directory.size, within: record, "central directory")
    return directory
  }

  // MARK: - Central directory headers

  /// Parses one central directory header and its local header.
  private static func parseCentralHeader(
    _ bytes: [UInt8], at offset: Int, directoryEnd: Int, dataLimit: Int, limits: CheckpointLimits
  ) throws(CheckpointError) -> (ZipEntry, next: Int) {
    let what = "central directory header"
    try ByteChecks.require(offset, 46, within: directoryEnd, what)
    guard try ByteChecks.u32(bytes, offset, what) == centralHeaderSignature else {
      throw .malformedArchive("bad central directory header signature at offset \(offset)")
    }
    let flags = try ByteChecks.u16(bytes, offset + 8, what)
    let methodCode = try ByteChecks.u16(bytes, offset + 10, what)
    let crc = UInt32(try ByteChecks.u32(bytes, offset + 16, what))
    var compressedSize = try ByteChecks.u32(bytes, offset + 20, what)
    var uncompressedSize = try ByteChecks.u32(bytes, offset + 24, what)
    let nameLength = try ByteChecks.u16(bytes, offset + 28, what)
    let extraLength = try ByteChecks.u16(bytes, offset + 30, what)
    let commentLength = try ByteChecks.u16(bytes, offset + 32, what)
    var diskStart = try ByteChecks.u16(bytes, offset + 34, what)
    var headerOffset = try ByteChecks.u32(bytes, offset + 42, what)
    if nameLength > limits.maxNameBytes {
      throw .tooLarge(what: "zip entry name length", limit: limits.maxNameBytes)
    }
    let nameStart = offset + 46
    let extraStart = nameStart + nameLength
    let next = extraStart + extraLength + commentLength
    if next > directoryEnd { throw .truncated(what: what) }
    let name = try decodeName(bytes[nameStart..<extraStart])

    // Zip64 extra field: only the fields saturated in the header appear, in order.
    if let zip64 = try findExtra(bytes, extraStart, extraLength, id: 0x0001) {
      var field = zip64.lowerBound
      func take(_ width: Int) throws(CheckpointError) -> Int {
        try ByteChecks.require(field, width, within: zip64.upperBound, "zip64 extra field")
        defer { field += width }
        return width == 8
          ? try ByteChecks.u64(bytes, field, "zip64 extra field")
          : try ByteChecks.u32(bytes, field, "zip64 extra field")
      }
      if uncompressedSize == 0xFFFF_FFFF { uncompressedSize = try take(8) }
      if compressedSize == 0xFFFF_FFFF { compressedSize = try take(8) }
      if headerOffset == 0xFFFF_FFFF { headerOffset = try take(8) }
      if diskStart == 0xFFFF { diskStart = try take(4) }
    }
    if diskStart != 0 { throw .unsupportedZipFeature("multi-disk archives") }
    if flags & 0x0001 != 0 { throw .unsupportedZipFeature("encrypted entry '\(name)'") }

    let method = try checkSizes(
      name: name, methodCode: methodCode, compressed: compressedSize,
      uncompressed: uncompressedSize, limits: limits)
    let dataOffset = try localDataOffset(
      bytes, headerOffset: headerOffset, name: name, nameBytes: bytes[nameStart..<extraStart])
    let dataEnd = try ByteChecks.add(dataOffset, compressedSize, "entry '\(name)'")
    if dataEnd > dataLimit { throw .entryOutOfBounds(name: name) }
    let entry = ZipEntry(
      name: name, method: method, crc32: crc, compressedSize: compressedSize,
      uncompressedSize: uncompressedSize, headerOffset: headerOffset, dataOffset: dataOffset)
    return (entry, next)
  }

  /// Entry names must be UTF-8 (torch writes ASCII).
  private static func decodeName(_ raw: ArraySlice<UInt8>) throws(CheckpointError) -> String {
    guard let name = String(validating: raw, as: UTF8.self) else {
      throw .malformedArchive("zip entry name is not UTF-8")
    }
    return name
  }

  /// Range of the payload of the extra field `id`, if present.
  private static func findExtra(
    _ bytes: [UInt8], _ start: Int, _ length: Int, id: Int
  ) throws(CheckpointError) -> Range<Int>? {
    var cursor = start
    let end = start + length
    while cursor + 4 <= end {
      let fieldID = try ByteChecks.u16(bytes, cursor, "extra field")
      let fieldLength = try ByteChecks.u16(bytes, cursor + 2, "extra field")
      let payload = cursor + 4
      if payload + fieldLength > end { throw .truncated(what: "zip extra field") }
      if fieldID == id { return payload..<(payload + fieldLength) }
      cursor = payload + fieldLength
    }
    return nil
  }

  /// Validates method and sizes before anything is allocated for the entry.
  private static func checkSizes(
    name: String, methodCode: Int, compressed: Int, uncompressed: Int, limits: CheckpointLimits
  ) throws(CheckpointError) -> ZipEntry.Method {
    if uncompressed > limits.maxEntryBytes {
      throw .tooLarge(what: "zip entry '\(name)'", limit: limits.maxEntryBytes)
    }
    switch methodCode {
    case 0:
      guard compressed == uncompressed else {
        throw .malformedArchive("stored entry '\(name)' has different compressed and plain sizes")
      }
      return .stored
    case 8:
      // Deflate cannot expand more than ~1032:1; claiming more is a zip bomb.
      let (ceiling, overflow) = max(compressed, 1).multipliedReportingOverflow(
        by: limits.maxCompressionRatio)
      if !overflow, uncompressed > ceiling {
        throw .tooLarge(what: "compression ratio of '\(name)'", limit: limits.maxCompressionRatio)
      }
      return .deflated
    default:
      throw .unsupportedZipFeature("compression method \(methodCode) in '\(name)'")
    }
  }

  /// Parses the local header at `headerOffset` and returns where data begins.
  ///
  /// The local name and extra lengths differ from the central ones (torch
  /// pads the local extra field to align data), so they are always read here.
  private static func localDataOffset(
    _ bytes: [UInt8], headerOffset: Int, name: String, nameBytes: ArraySlice<UInt8>
  ) throws(CheckpointError) -> Int {
    guard headerOffset <= bytes.count - 30 else { throw .entryOutOfBounds(name: name) }
    guard try ByteChecks.u32(bytes, headerOffset, "local header") == localHeaderSignature else {
      throw .malformedArchive("entry '\(name)' does not point at a local header")
    }
    let nameLength = try ByteChecks.u16(bytes, headerOffset + 26, "local header")
    let extraLength = try ByteChecks.u16(bytes, headerOffset + 28, "local header")
    let nameStart = headerOffset + 30
    try ByteChecks.require(nameStart, nameLength + extraLength, within: bytes.count, "local header")
    guard bytes[nameStart..<(nameStart + nameLength)].elementsEqual(nameBytes) else {
      throw .malformedArchive("local and central names differ for '\(name)'")
    }
    return nameStart + nameLength + extraLength
  }

  /// Rejects entries whose header-plus-data spans intersect.
  private static func checkNoOverlap(_ entries: [ZipEntry]) throws(CheckpointError) {
    let sorted = entries.sorted { $0.headerOffset < $1.headerOffset }
    for index in sorted.indices.dropFirst() {
      let previous = sorted[index - 1]
      if sorted[index].headerOffset < previous.dataOffset + previous.compressedSize {
        throw .overlappingEntries(first: previous.name, second: sorted[index].name)
      }
    }
  }
}
