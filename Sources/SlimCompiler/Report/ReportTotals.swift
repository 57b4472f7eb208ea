/// Whole-model numbers of a report.
public struct ReportTotals: Codable, Sendable, Equatable {
  public var operators: Int
  public var fileBytes: Int
  /// Decoded bytes of all constants.
  public var weightBytes: Int
  /// Bytes of the `WGHT` section in the file: compressed when zlib, and
  /// including the 64-byte alignment padding between constants.
  public var weightSectionBytes: Int
  public var parameters: Int
  public var macs: Int
  /// RAM for activations: the plan's arena size.
  public var arenaBytes: Int
  /// Median time to load (map, checksum, validate) the file, with `--measure`.
  public var loadMilliseconds: Double?
  /// Median time of one whole `run()`, with `--measure`.
  public var latencyMilliseconds: Double?
}
