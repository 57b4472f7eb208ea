import Foundation

extension ModelReport {
  /// The report as a JSON document (`Formats/report-schema.json`): keys
  /// sorted, absent optionals omitted, pretty-printed.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
