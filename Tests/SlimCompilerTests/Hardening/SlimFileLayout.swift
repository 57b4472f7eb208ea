@testable import SlimRuntime

/// Where the structures of a valid, uncompressed `.slim` file lie, read straight
/// from the spec (`Formats/slim-v1.md`) rather than through SlimRuntime, so the
/// corruption tests know which bytes a reader must ignore.
struct SlimFileLayout {
  /// Each section's tag and byte range in the file.
  var sections: [(tag: FourCC, range: Range<Int>)] = []
  /// Reserved fields and padding: the spec says readers ignore them, so a
  /// change there must load and give the original output (once CRCs match).
  var ignored = Set<Int>()
  /// Bytes between sections, covered by no CRC.
  var gaps = Set<Int>()

  /// Precondition: `bytes` is a valid file with raw-stored sections.
  init(_ bytes: [UInt8]) {
    func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    ignored.formUnion(44..<64)
    let count = u32(24)
    var covered = Set(0..<(64 + 48 * count))
    for index in 0..<count {
      let entry = 64 + 48 * index
      ignored.formUnion(entry + 40..<entry + 48)
      let offset = u32(entry + 8)
      let range = offset..<offset + u32(entry + 16)
      sections.append((FourCC(rawValue: UInt32(u32(entry))), range))
      covered.formUnion(range)
    }
    gaps = Set(bytes.indices).subtracting(covered)
    for (tag, range) in sections {
      switch tag {
      case SlimFormat.graphTag: markGraph(range.lowerBound, u32: u32, u16: u16)
      case SlimFormat.planTag:
        for entry in 0..<u32(range.lowerBound + 12) {
          let start = range.lowerBound + 16 + 16 * entry
          ignored.formUnion(start + 4..<start + 8)
        }
      case SlimFormat.metadataTag: markMetadata(range, u32: u32, bytes: bytes)
      default: break
      }
    }
  }

  /// Tensor descriptors: byte 3, 20..<24, 40..<48; operator records: byte 7, 14..<16.
  private mutating func markGraph(_ start: Int, u32: (Int) -> Int, u16: (Int) -> Int) {
    let tensors = u32(start)
    var position = start + 16 + 4 * (u32(start + 8) + u32(start + 12))
    for _ in 0..<tensors {
      ignored.insert(position + 3)
      ignored.formUnion(position + 20..<position + 24)
      ignored.formUnion(position + 40..<position + 48)
      position += 48
    }
    for _ in 0..<u32(start + 4) {
      ignored.insert(position + 7)
      ignored.formUnion(position + 14..<position + 16)
      position += u32(position)
    }
  }

  /// Entries: key, padding to 4, type, 3 reserved, count, value, padding to 4.
  private mutating func markMetadata(_ range: Range<Int>, u32: (Int) -> Int, bytes: [UInt8]) {
    func padded(_ n: Int) -> Int { (n + 3) & ~3 }
    var position = range.lowerBound + 4
    for _ in 0..<u32(range.lowerBound) {
      let keyEnd = position + 4 + u32(position)
      ignored.formUnion(keyEnd..<range.lowerBound + padded(keyEnd - range.lowerBound))
      position = range.lowerBound + padded(keyEnd - range.lowerBound)
      let type = bytes[position]
      ignored.formUnion(position + 1..<position + 4)
      let valueStart = position + 8
      let valueEnd = valueStart + u32(position + 4) * [1, 4, 8][Int(type)]
      position = range.lowerBound + padded(valueEnd - range.lowerBound)
      ignored.formUnion(valueEnd..<position)
    }
  }
}
