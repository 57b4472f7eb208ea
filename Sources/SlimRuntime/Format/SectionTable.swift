/// The validated header and section table of a `.slim` file.
///
/// `parse` checks everything the container promises (magic, version, sizes,
/// CRCs, bounds, alignment, overlaps, duplicates, required sections) so the
/// section parsers only see byte ranges inside the file.
struct SectionTable {
  struct Entry {
    let tag: FourCC
    let isCompressed: Bool
    /// Byte range of the stored bytes in the file; validated.
    let offset: Int
    let storedSize: Int
    let rawSize: Int
  }

  let entries: [Entry]

  func entry(_ tag: FourCC) -> Entry? {
    for entry in entries where entry.tag == tag { return entry }
    return nil
  }

  /// Tags this reader understands; others are skipped unless marked required.
  static let knownTags = [
    SlimFormat.metadataTag, SlimFormat.graphTag, SlimFormat.planTag, SlimFormat.weightsTag,
    SlimFormat.packedWeightsTag, SlimFormat.winogradWeightsTag, SlimFormat.int8PackedWeightsTag,
    SlimFormat.int8QuadWeightsTag,
  ]
  static let requiredTags = [SlimFormat.graphTag, SlimFormat.planTag, SlimFormat.weightsTag]

  /// Validates the header and table of `file` and the CRC of each known
  /// section (of `WGHT`, `PACK`, `WINO` and `PKI8` only if `verifyingWeights`).
  /// Cost: O(file size) for the CRCs, O(sectionCount²) for overlaps.
  static func parse(_ file: UnsafeRawBufferPointer, verifyingWeights: Bool = true) throws(SlimError) -> SectionTable {
    guard file.count >= SlimFormat.headerSize else {
      if file.count >= 4, file.loadUnaligned(as: UInt32.self).littleEndian != SlimFormat.magic.rawValue {
        throw .badMagic
      }
      throw .truncatedFile(size: file.count, needed: SlimFormat.headerSize)
    }
    var header = ByteReader(file, section: FourCC("HEAD"))
    guard try header.readU32() == SlimFormat.magic.rawValue else { throw .badMagic }
    let major = try header.readU16()
    let minor = try header.readU16()
    guard major == SlimFormatVersion.major else { throw .unsupportedVersion(major: major, minor: minor) }
    let headerSize = try header.readU32()
    guard headerSize == UInt32(SlimFormat.headerSize) else { throw .invalidHeader(.headerSize(headerSize)) }
    let flags = try header.readU32()
    guard flags == 0 else { throw .invalidHeader(.flags(flags)) }
    let fileSize = try header.readU64()
    guard fileSize == UInt64(file.count) else { throw .fileSizeMismatch(declared: fileSize, actual: file.count) }
    let sectionCount = try header.readU32()
    guard sectionCount >= 1, sectionCount <= UInt32(SlimFormat.maxSectionCount) else {
      throw .invalidHeader(.sectionCount(sectionCount))
    }
    let entrySize = try header.readU32()
    guard entrySize == UInt32(SlimFormat.sectionEntrySize) else { throw .invalidHeader(.sectionEntrySize(entrySize)) }
    let tableOffset = try header.readU64()
    guard tableOffset == UInt64(SlimFormat.headerSize) else { throw .invalidHeader(.sectionTableOffset(tableOffset)) }
    let tableCRC = try header.readU32()

    // Both factors are small (≤ 64, 48), so this cannot overflow.
    let tableEnd = SlimFormat.headerSize + Int(sectionCount) * SlimFormat.sectionEntrySize
    guard tableEnd <= file.count else { throw .truncatedFile(size: file.count, needed: tableEnd) }
    let crc = CRC32.update(
      CRC32.checksum(UnsafeRawBufferPointer(rebasing: file[0..<40])),
      with: UnsafeRawBufferPointer(rebasing: file[SlimFormat.headerSize..<tableEnd]))
    guard crc == tableCRC else { throw .tableChecksumMismatch }

    var reader = ByteReader(UnsafeRawBufferPointer(rebasing: file[0..<tableEnd]), section: FourCC("TABL"))
    try reader.skip(SlimFormat.headerSize)
    var entries: [Entry] = []
    entries.reserveCapacity(Int(sectionCount))
    for _ in 0..<sectionCount {
      let tag = FourCC(rawValue: try reader.readU32())
      let encoding = try reader.readU32()
      let offset = try reader.readU64()
      let storedSize = try reader.readU64()
      let rawSize = try reader.readU64()
      let sectionCRC = try reader.readU32()
      let sectionFlags = try reader.readU32()
      try reader.skip(8)

      guard sectionFlags & ~SlimFormat.sectionRequiredFlag == 0 else {
        throw .invalidSectionEntry(tag, .unknownFlags(sectionFlags))
      }
      guard knownTags.contains(tag) else {
        if sectionFlags & SlimFormat.sectionRequiredFlag != 0 { throw .unknownRequiredSection(tag) }
        continue
      }
      guard !entries.contains(where: { $0.tag == tag }) else { throw .duplicateSection(tag) }
      guard encoding == SlimFormat.encodingStored || encoding == SlimFormat.encodingZlib else {
        throw .invalidSectionEntry(tag, .unknownEncoding(encoding))
      }
      guard offset % UInt64(SlimFormat.sectionAlignment) == 0 else {
        throw .invalidSectionEntry(tag, .misalignedOffset)
      }
      // fileSize == file.count, so comparing in UInt64 before converting to Int
      // keeps the conversion exact on 32-bit targets.
      let (end, overflow) = offset.addingReportingOverflow(storedSize)
      guard !overflow, end <= fileSize, offset >= UInt64(tableEnd) else { throw .sectionOutOfBounds(tag) }
      guard rawSize <= UInt64(SlimFormat.maxSectionSize) else {
        throw .invalidSectionEntry(tag, .rawSizeTooLarge)
      }
      let isCompressed = encoding == SlimFormat.encodingZlib
      if isCompressed {
        let (bound, boundOverflow) = storedSize.multipliedReportingOverflow(by: UInt64(SlimFormat.maxInflateRatio))
        guard boundOverflow || rawSize <= bound + 64 else { throw .invalidSectionEntry(tag, .rawSizeTooLarge) }
      } else {
        guard rawSize == storedSize else { throw .invalidSectionEntry(tag, .sizeMismatch) }
      }
      let entry = Entry(
        tag: tag, isCompressed: isCompressed, offset: Int(offset), storedSize: Int(storedSize),
        rawSize: Int(rawSize))
      for other in entries where entry.overlaps(other) { throw .overlappingSections(other.tag, tag) }
      let stored = UnsafeRawBufferPointer(rebasing: file[entry.offset..<entry.offset + entry.storedSize])
      let isWeights =
        tag == SlimFormat.weightsTag || tag == SlimFormat.packedWeightsTag || tag == SlimFormat.winogradWeightsTag
        || tag == SlimFormat.int8PackedWeightsTag || tag == SlimFormat.int8QuadWeightsTag
      if verifyingWeights || !isWeights {
        guard CRC32.checksum(stored) == sectionCRC else { throw .checksumMismatch(section: tag) }
      }
      entries.append(entry)
    }
    for tag in requiredTags where !entries.contains(where: { $0.tag == tag }) {
      throw .missingSection(tag)
    }
    return SectionTable(entries: entries)
  }
}

extension SectionTable.Entry {
  /// Whether the stored byte ranges intersect; empty sections overlap nothing.
  func overlaps(_ other: SectionTable.Entry) -> Bool {
    storedSize > 0 && other.storedSize > 0 && offset < other.offset + other.storedSize
      && other.offset < offset + storedSize
  }
}
