import Foundation

/// Number formats the renderers share, so the table, the page and the JSON
/// (which carries the raw numbers) agree on rounding.
enum ReportFormatting {
  /// `1234567` → `1,234,567`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, character) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return value < 0 ? "-" + out : out
  }

  /// Bytes with a binary unit: `812 B`, `41.3 KiB`, `2.05 MiB`.
  static func bytes(_ value: Int) -> String {
    if value < 1024 { return "\(value) B" }
    if value < 1 << 20 { return String(format: "%.1f KiB", Double(value) / 1024) }
    return String(format: "%.2f MiB", Double(value) / Double(1 << 20))
  }

  /// Large counts with an SI suffix: `3.52 M`, `12.4 k`.
  static func compact(_ value: Double) -> String {
    let magnitude = abs(value)
    if magnitude >= 1e9 { return String(format: "%.2f G", value / 1e9) }
    if magnitude >= 1e6 { return String(format: "%.2f M", value / 1e6) }
    if magnitude >= 1e3 { return String(format: "%.1f k", value / 1e3) }
    if magnitude == magnitude.rounded() { return String(format: "%.0f", value) }
    return String(format: "%.3g", value)
  }

  /// A ratio as `0.23×`.
  static func ratio(_ value: Double) -> String { String(format: "%.3g×", value) }

  static func shape(_ dims: [Int]) -> String { dims.map(String.init).joined(separator: "×") }

  static func milliseconds(_ value: Double) -> String { String(format: "%.3f ms", value) }

  static func microseconds(_ value: Double) -> String { String(format: "%.1f µs", value) }

  /// `conv2d+batchNorm+bias+relu`.
  static func operation(_ layer: ReportLayer) -> String { ([layer.op] + layer.fused).joined(separator: "+") }
}
