import Foundation

/// Renders a report as one self-contained HTML page: inline CSS and SVG
/// charts, no scripts, no links, nothing fetched, so it can be mailed or
/// attached to a CI run and opened offline.
///
/// Charts: channels per layer before/after (with a baseline), the BN |γ|
/// histogram with the pruning threshold (checkpoint baseline with batch
/// norms), MACs and, with measurements, latency per layer, and activation
/// memory over the execution steps with the arena size.
public struct ReportHTMLRenderer: Sendable {
  public init() {}

  public func render(_ report: ModelReport) -> String {
    var body: [String] = ["<h1>slim report: \(report.path.htmlEscaped)</h1>", totalsTable(report)]
    body += charts(report).map { title, note, svg in
      "<section><h2>\(title.htmlEscaped)</h2><p class=\"note\">\(note.htmlEscaped)</p>\n\(svg)</section>"
    }
    body.append("<section><h2>Layers</h2>\(layersTable(report))</section>")
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>slim report: \(report.path.htmlEscaped)</title>
      <style>
      body { font-family: sans-serif; margin: 24px; color: #222; max-width: 980px; }
      table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
      th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: right; white-space: nowrap; }
      th { background: #f3f3f3; } td.l, th.l { text-align: left; }
      .note { color: #666; font-size: 13px; margin: 2px 0 4px; }
      h2 { font-size: 17px; margin: 22px 0 2px; }
      </style></head>
      <body>
      \(body.joined(separator: "\n"))
      </body></html>

      """
  }

  /// The charts the report's contents allow, as (title, note, svg).
  private func charts(_ report: ModelReport) -> [(String, String, String)] {
    var charts: [(String, String, String)] = []
    let weighted = report.layers.filter { $0.channels != nil }
    if !weighted.isEmpty {
      let chart = SVGBarChart(
        categories: weighted.map { $0.baselineLayer ?? "#\($0.index) \($0.op)" },
        series: [
          .init(name: "baseline", colour: "#b8b8b8", values: weighted.map { Double($0.channels!.before) }),
          .init(name: "this model", colour: "#1f77b4", values: weighted.map { Double($0.channels!.after) }),
        ], yLabel: "channels")
      let before = weighted.reduce(0) { $0 + $1.channels!.before }
      let after = weighted.reduce(0) { $0 + $1.channels!.after }
      charts.append(
        ("Channels per layer", "Output channels (conv) or features (linear): \(before) → \(after) in all.", chart.svg())
      )
    }
    if let gamma = report.gamma { charts.append(gammaChart(gamma)) }
    let labels = report.layers.map { "#\($0.index) \($0.op)" }
    charts.append(
      (
        "MACs per layer", "Multiply-accumulates per inference (batch 1); operators without weights count 0.",
        SVGBarChart(
          categories: labels,
          series: [.init(name: "MACs", colour: "#2ca02c", values: report.layers.map { Double($0.macs) })],
          yLabel: "MACs"
        ).svg()
      ))
    if report.measurement != nil {
      charts.append(
        (
          "Latency per layer", "Median time of each operator alone on the machine that made the report.",
          SVGBarChart(
            categories: labels,
            series: [
              .init(name: "latency", colour: "#ff7f0e", values: report.layers.map { $0.latencyMicroseconds ?? 0 })
            ], yLabel: "µs"
          ).svg()
        ))
    }
    charts.append(
      (
        "Memory over the layer sequence",
        "Activation bytes live while each operator runs, and the highest arena byte they occupy; "
          + "the dashed line is the arena the plan reserves.",
        SVGBarChart(
          categories: labels,
          series: [
            .init(name: "live activations", colour: "#9467bd", values: report.memory.map { Double($0.liveBytes) }),
            .init(
              name: "arena high-water", colour: "#c5b0d5", values: report.memory.map { Double($0.arenaHighWaterBytes) }),
          ], yLabel: "bytes",
          referenceLine: (Double(report.totals.arenaBytes), "arena \(ReportFormatting.bytes(report.totals.arenaBytes))")
        ).svg()
      ))
    return charts
  }

  private func gammaChart(_ gamma: GammaDistribution) -> (String, String, String) {
    // Bins are equal on a log10 axis; label each power of ten.
    let bottom = log10(gamma.bins[0].lower)
    let step = log10(gamma.bins[0].upper) - bottom
    var chart = SVGBarChart(
      categories: gamma.bins.map { String(format: "1e%.0f", log10($0.lower).rounded()) },
      series: [.init(name: "channels", colour: "#17becf", values: gamma.bins.map { Double($0.count) })],
      yLabel: "channels", labelEvery: GammaDistribution.binsPerDecade)
    var note =
      "|γ| of all \(gamma.count) BatchNorm channels of the baseline, on a log scale "
      + "(\(GammaDistribution.binsPerDecade) bins per power of ten; the first bin also holds smaller values)."
    if let threshold = gamma.threshold, let below = gamma.atOrBelowThreshold {
      chart.marker = (
        (log10(max(threshold, gamma.bins[0].lower)) - bottom) / step, "threshold \(ReportFormatting.compact(threshold))"
      )
      let source =
        gamma.thresholdSource == .percent
        ? "from --percent \(gamma.percent ?? 0)" : "derived from the baseline's γ and the kept widths"
      note += " Threshold \(threshold) (\(source)): \(below) channels at or below it are pruned."
    } else {
      note += " Nothing was pruned."
    }
    return ("BatchNorm γ distribution", note, chart.svg())
  }

  private func totalsTable(_ report: ModelReport) -> String {
    let t = report.totals
    let b = report.baseline
    func row(_ name: String, _ value: String, _ before: String?, _ ratio: Double?) -> String {
      "<tr><td class=\"l\">\(name)</td><td>\(value.htmlEscaped)</td>"
        + (b == nil ? "" : "<td>\((before ?? "").htmlEscaped)</td><td>\(ratio.map(ReportFormatting.ratio) ?? "")</td>")
        + "</tr>"
    }
    var rows = [
      row(
        "file", ReportFormatting.bytes(t.fileBytes), b.map { ReportFormatting.bytes($0.fileBytes) }, b?.ratios.fileBytes
      ),
      row(
        "weights (decoded)", ReportFormatting.bytes(t.weightBytes), b.map { ReportFormatting.bytes($0.weightBytes) },
        b?.ratios.weightBytes),
      row("WGHT section in the file", ReportFormatting.bytes(t.weightSectionBytes), nil, nil),
      row(
        "parameters", ReportFormatting.grouped(t.parameters), b.map { ReportFormatting.grouped($0.parameters) },
        b?.ratios.parameters),
      row("MACs", ReportFormatting.grouped(t.macs), b.map { ReportFormatting.grouped($0.macs) }, b?.ratios.macs),
      row(
        "arena (RAM)", ReportFormatting.bytes(t.arenaBytes), b?.arenaBytes.map(ReportFormatting.bytes),
        b?.ratios.arenaBytes),
    ]
    if let load = t.loadMilliseconds {
      rows.append(row("load (median)", ReportFormatting.milliseconds(load), nil, nil))
    }
    if let latency = t.latencyMilliseconds {
      rows.append(row("latency (median)", ReportFormatting.milliseconds(latency), nil, nil))
    }
    let head =
      "<tr><th class=\"l\">total</th><th>this model</th>"
      + (b.map { "<th>baseline (\($0.kind.rawValue): \($0.path.htmlEscaped))</th><th>ratio</th>" } ?? "") + "</tr>"
    return "<table>\(head)\n\(rows.joined(separator: "\n"))</table>"
  }

  private func layersTable(_ report: ModelReport) -> String {
    let header =
      [
        "#", "operation", "inputs", "output", "channels", "params", "MACs", "weights", "stored", "dtype",
        "arena offset",
        "arena bytes",
      ] + (report.measurement == nil ? [] : ["latency"])
    let rows = report.layers.map { layer -> String in
      let cells =
        [
          "\(layer.index)", ReportFormatting.operation(layer),
          layer.inputShapes.map(ReportFormatting.shape).joined(separator: ", "),
          ReportFormatting.shape(layer.outputShape), layer.channels.map { "\($0.before) → \($0.after)" } ?? "",
          ReportFormatting.grouped(layer.parameters), ReportFormatting.grouped(layer.macs),
          ReportFormatting.grouped(layer.weightBytes), ReportFormatting.grouped(layer.weightBytesStored), layer.dtype,
          ReportFormatting.grouped(layer.arenaOffset), ReportFormatting.grouped(layer.arenaBytes),
        ] + (report.measurement == nil ? [] : [layer.latencyMicroseconds.map(ReportFormatting.microseconds) ?? ""])
      return "<tr>"
        + cells.enumerated().map { i, cell in
          "<td\([1, 2, 3].contains(i) ? " class=\"l\"" : "")>\(cell.htmlEscaped)</td>"
        }.joined() + "</tr>"
    }
    let head =
      "<tr>"
      + header.enumerated().map { i, name in
        "<th\([1, 2, 3].contains(i) ? " class=\"l\"" : "")>\(name)</th>"
      }.joined() + "</tr>"
    return "<table>\(head)\n\(rows.joined(separator: "\n"))</table>"
  }
}
