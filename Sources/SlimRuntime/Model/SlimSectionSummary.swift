/// Size and encoding of one known section of a loaded `.slim` file, for
/// reports (how much a section shrank under zlib, what the file is made of).
public struct SlimSectionSummary: Equatable, Sendable {
  public let tag: FourCC
  public let isCompressed: Bool
  /// Bytes the section occupies in the file.
  public let storedSize: Int
  /// Bytes after decoding (equals `storedSize` when stored raw).
  public let rawSize: Int

  init(_ entry: SectionTable.Entry) {
    tag = entry.tag
    isCompressed = entry.isCompressed
    storedSize = entry.storedSize
    rawSize = entry.rawSize
  }
}
