/// Renders a report as an aligned table for a terminal or a pipe.
public struct ReportTextRenderer: Sendable {
  /// ANSI colours (header bold, reductions green, growth red); set it only
  /// when the output is a terminal.
  public var colour: Bool

  public init(colour: Bool) { self.colour = colour }

  public func render(_ report: ModelReport) -> String {
    let measured = report.measurement != nil
    let compared = report.baseline != nil
    var header = ["#", "operation", "output", "params", "MACs", "weights", "stored", "arena @offset"]
    if compared { header.insert("channels", at: 3) }
    if measured { header.append("latency") }
    var rows: [[String]] = []
    for layer in report.layers {
      var row = [
        "\(layer.index)", ReportFormatting.operation(layer), ReportFormatting.shape(layer.outputShape),
        ReportFormatting.grouped(layer.parameters), ReportFormatting.grouped(layer.macs),
        ReportFormatting.bytes(layer.weightBytes), ReportFormatting.bytes(layer.weightBytesStored),
        "\(ReportFormatting.bytes(layer.arenaBytes)) @\(layer.arenaOffset)",
      ]
      if compared { row.insert(layer.channels.map { "\($0.before) → \($0.after)" } ?? "", at: 3) }
      if measured { row.append(layer.latencyMicroseconds.map(ReportFormatting.microseconds) ?? "") }
      rows.append(row)
    }
    var lines = [report.path] + table(header: header, rows: rows) + [""] + totals(report)
    if let gamma = report.gamma { lines.append(gammaLine(gamma)) }
    return lines.joined(separator: "\n")
  }

  /// Columns padded to their widest cell; text left, numbers right.
  private func table(header: [String], rows: [[String]]) -> [String] {
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    let leftAligned: Set<String> = ["operation", "output", "channels"]
    func line(_ cells: [String]) -> String {
      zip(zip(header, cells), widths).map { pair, width in
        let (name, cell) = pair
        let padding = String(repeating: " ", count: width - cell.count)
        return leftAligned.contains(name) ? cell + padding : padding + cell
      }.joined(separator: "  ")
    }
    return [paint(line(header), "1")] + rows.map(line)
  }

  private func totals(_ report: ModelReport) -> [String] {
    let t = report.totals
    let ratios = report.baseline?.ratios
    func compare(_ ratio: Double?) -> String {
      guard let ratio else { return "" }
      return "  " + paint("(\(ReportFormatting.ratio(ratio)) baseline)", ratio < 1 ? "32" : ratio > 1 ? "31" : "0")
    }
    var lines = [
      "file        \(ReportFormatting.bytes(t.fileBytes))\(compare(ratios?.fileBytes))",
      "weights     \(ReportFormatting.bytes(t.weightBytes)) decoded, \(ReportFormatting.bytes(t.weightSectionBytes)) in the file's WGHT section"
        + compare(ratios?.weightBytes),
      "parameters  \(ReportFormatting.grouped(t.parameters))\(compare(ratios?.parameters))",
      "MACs        \(ReportFormatting.grouped(t.macs))\(compare(ratios?.macs))",
      "arena       \(ReportFormatting.bytes(t.arenaBytes)) (activation RAM)\(compare(ratios?.arenaBytes))",
    ]
    if let load = t.loadMilliseconds { lines.append("load        \(ReportFormatting.milliseconds(load)) (median)") }
    if let latency = t.latencyMilliseconds {
      lines.append("latency     \(ReportFormatting.milliseconds(latency)) per run (median)")
    }
    if let baseline = report.baseline {
      lines.append(
        "baseline    \(baseline.path) (\(baseline.kind.rawValue)): \(ReportFormatting.grouped(baseline.parameters)) "
          + "parameters, \(ReportFormatting.grouped(baseline.macs)) MACs, \(ReportFormatting.bytes(baseline.fileBytes))"
      )
    }
    return lines
  }

  private func gammaLine(_ gamma: GammaDistribution) -> String {
    guard let threshold = gamma.threshold, let below = gamma.atOrBelowThreshold else {
      return "BN gamma    \(gamma.count) channels, none pruned"
    }
    let source = gamma.thresholdSource == .percent ? "from --percent \(gamma.percent ?? 0)" : "derived from kept widths"
    return "BN gamma    \(gamma.count) channels, threshold |γ| ≤ \(ReportFormatting.compact(threshold)) "
      + "(\(source)): \(below) pruned"
  }

  private func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
