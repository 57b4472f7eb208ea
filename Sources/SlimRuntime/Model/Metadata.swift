/// The parsed `META` section: typed key/value pairs describing the model.
///
/// Lookups are linear (at most 256 entries) and meant for setup, not the hot path.
public struct SlimMetadata: Sendable {
  public enum Value: Equatable, Sendable {
    case string(String)
    case floats([Float])
    case ints([Int64])
  }

  /// Entries in file order; keys are unique.
  public let entries: [(key: String, value: Value)]

  public init() { entries = [] }

  init(entries: [(key: String, value: Value)]) { self.entries = entries }

  public func value(_ key: String) -> Value? {
    // Byte-wise, like the duplicate check in `parse`: keys are UTF-8 byte strings.
    for entry in entries where entry.key.utf8.elementsEqual(key.utf8) { return entry.value }
    return nil
  }

  /// The string stored under `key`, or nil when absent or of another type.
  public func string(_ key: String) -> String? {
    if case .string(let s) = value(key) { return s }
    return nil
  }

  public func floats(_ key: String) -> [Float]? {
    if case .floats(let v) = value(key) { return v }
    return nil
  }

  public func ints(_ key: String) -> [Int64]? {
    if case .ints(let v) = value(key) { return v }
    return nil
  }

  /// Parses the decoded section. Cost: O(section size + entries²) for the
  /// duplicate-key check (≤ 256 entries).
  static func parse(_ bytes: UnsafeRawBufferPointer) throws(SlimError) -> SlimMetadata {
    var reader = ByteReader(bytes, section: SlimFormat.metadataTag)
    let count = try reader.readU32()
    guard count <= UInt32(SlimFormat.maxMetadataEntries) else {
      throw .invalidMetadata(entry: 0, reason: .entryCount(count))
    }
    var entries: [(key: String, value: Value)] = []
    for index in 0..<Int(count) {
      func fail(_ reason: SlimError.MetadataProblem) -> SlimError { .invalidMetadata(entry: index, reason: reason) }
      let keyLength = try reader.readU32()
      guard keyLength >= 1, keyLength <= UInt32(SlimFormat.maxMetadataKeyLength) else {
        throw fail(.keyLength(keyLength))
      }
      guard let key = String(validating: try reader.readBytes(Int(keyLength)), as: UTF8.self) else {
        throw fail(.invalidUTF8)
      }
      // Keys compare as bytes, not by String's canonical equivalence: that would link
      // Unicode normalization tables (~25 KB) into every firmware image.
      guard !entries.contains(where: { $0.key.utf8.elementsEqual(key.utf8) }) else { throw fail(.duplicateKey) }
      try reader.skipPaddingTo4()
      let type = try reader.readU8()
      try reader.skip(3)
      let valueCount = try reader.readU32()
      let elementSize: Int
      switch type {
      case 0: elementSize = 1
      case 1: elementSize = 4
      case 2: elementSize = 8
      default: throw fail(.unknownValueType(type))
      }
      guard let count = Int(exactly: valueCount) else { throw fail(.valueTooLarge) }
      let (byteCount, overflow) = count.multipliedReportingOverflow(by: elementSize)
      guard !overflow, byteCount <= reader.remaining else { throw fail(.valueTooLarge) }
      var valueReader = ByteReader(try reader.readBytes(byteCount), section: SlimFormat.metadataTag)
      let value: Value
      switch type {
      case 0:
        guard let s = String(validating: valueReader.bytes, as: UTF8.self) else { throw fail(.invalidUTF8) }
        value = .string(s)
      case 1:
        var floats: [Float] = []
        floats.reserveCapacity(count)
        for _ in 0..<count { floats.append(try valueReader.readF32()) }
        value = .floats(floats)
      default:
        var ints: [Int64] = []
        ints.reserveCapacity(count)
        for _ in 0..<count { ints.append(try valueReader.readI64()) }
        value = .ints(ints)
      }
      try reader.skipPaddingTo4()
      entries.append((key: key, value: value))
    }
    guard reader.isAtEnd else { throw .invalidMetadata(entry: Int(count), reason: .trailingBytes(reader.remaining)) }
    return SlimMetadata(entries: entries)
  }
}
