/// One file inside a zip archive, as described by the central directory
/// (the authoritative copy: torch writes local headers with zero sizes and
/// a trailing data descriptor, so local sizes cannot be trusted).
struct ZipEntry: Sendable {
  /// Storage methods this reader handles.
  enum Method: Sendable {
    case stored
    case deflated
  }

  var name: String
  var method: Method
  var crc32: UInt32
  var compressedSize: Int
  var uncompressedSize: Int
  /// Offset of the local file header.
  var headerOffset: Int
  /// Offset of the first data byte, after the local header's name and extra
  /// field (torch pads the extra field so data is 64-byte aligned).
  var dataOffset: Int
}
