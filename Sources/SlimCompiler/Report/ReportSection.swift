/// One section of the `.slim` file: what it holds and what it costs on disk.
public struct ReportSection: Codable, Sendable, Equatable {
  /// The four-character tag (`META`, `GRPH`, `PLAN`, `WGHT`).
  public var tag: String
  /// `none` or `zlib`.
  public var encoding: String
  /// Bytes in the file.
  public var storedBytes: Int
  /// Bytes after decoding.
  public var rawBytes: Int
}
