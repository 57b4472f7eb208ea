import Foundation

/// A bar chart as inline SVG text: one or more series side by side per
/// category, an optional horizontal reference line (a budget, the arena size)
/// and an optional vertical marker (a threshold on a histogram's axis).
///
/// Self-contained: no fonts, scripts or links, and no namespace URL (inline
/// SVG in HTML needs none). Cost: O(categories × series).
struct SVGBarChart {
  struct Series {
    var name: String
    var colour: String
    var values: [Double]
  }

  var categories: [String]
  var series: [Series]
  var yLabel: String
  /// A horizontal line at a value, labelled.
  var referenceLine: (value: Double, label: String)?
  /// A vertical line at a position in category units (0 = left edge of the
  /// first category, `categories.count` = right edge of the last), labelled.
  var marker: (position: Double, label: String)?
  /// Label only every n-th category (histograms have many).
  var labelEvery = 1
  var width = 920.0
  var height = 320.0

  private let left = 78.0, right = 16.0, top = 28.0, bottom = 92.0

  func svg() -> String {
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let maximum = max(series.flatMap(\.values).max() ?? 0, referenceLine?.value ?? 0, 1e-12)
    let (ticks, axisMaximum) = Self.ticks(upTo: maximum)
    func y(_ value: Double) -> Double { top + plotHeight * (1 - value / axisMaximum) }
    let group = plotWidth / Double(max(categories.count, 1))
    let barWidth = group * 0.8 / Double(max(series.count, 1))

    var out = [
      "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
    ]
    for tick in ticks {
      out.append(line(left, y(tick), left + plotWidth, y(tick), stroke: "#e3e3e3"))
      out.append(text(left - 6, y(tick) + 4, ReportFormatting.compact(tick), anchor: "end"))
    }
    out.append(
      text(
        16, top + plotHeight / 2, yLabel, anchor: "middle",
        extra: " transform=\"rotate(-90 16 \(f(top + plotHeight / 2)))\""))
    for (s, series) in series.enumerated() {
      for (c, value) in series.values.enumerated() where c < categories.count {
        let x = left + Double(c) * group + group * 0.1 + Double(s) * barWidth
        out.append(
          "<rect x=\"\(f(x))\" y=\"\(f(y(value)))\" width=\"\(f(max(barWidth - 1, 0.5)))\" height=\"\(f(max(y(0) - y(value), 0)))\" fill=\"\(series.colour)\"><title>\(categories[c].htmlEscaped): \(series.name.htmlEscaped) \(ReportFormatting.compact(value))</title></rect>"
        )
      }
    }
    out.append(line(left, y(0), left + plotWidth, y(0), stroke: "#444"))
    for (c, label) in categories.enumerated() where c % labelEvery == 0 {
      let x = left + (Double(c) + 0.5) * group
      out.append(
        text(x, y(0) + 12, label, anchor: "end", extra: " transform=\"rotate(-45 \(f(x)) \(f(y(0) + 12)))\""))
    }
    if let reference = referenceLine {
      out.append(line(left, y(reference.value), left + plotWidth, y(reference.value), stroke: "#d62728", dash: true))
      out.append(text(left + plotWidth - 4, y(reference.value) - 5, reference.label, anchor: "end", fill: "#d62728"))
    }
    if let marker {
      let x = left + plotWidth * marker.position / Double(max(categories.count, 1))
      out.append(line(x, top, x, y(0), stroke: "#d62728", dash: true, width: 2))
      out.append(text(x + 5, top + 12, marker.label, anchor: "start", fill: "#d62728"))
    }
    var legendX = left + 4
    for series in series where self.series.count > 1 {
      out.append("<rect x=\"\(f(legendX))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(series.colour)\"/>")
      out.append(text(legendX + 16, 16, series.name, anchor: "start"))
      legendX += 24 + Double(series.name.count) * 7
    }
    out.append("</svg>")
    return out.joined(separator: "\n")
  }

  /// Five or so round tick values from 0 and the axis top they end at.
  static func ticks(upTo maximum: Double) -> (ticks: [Double], top: Double) {
    let rough = maximum / 5
    let power = pow(10, floor(log10(rough)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
    let count = Int((maximum / step).rounded(.up))
    return ((0...count).map { Double($0) * step }, Double(count) * step)
  }

  private func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, dash: Bool = false, width: Double = 1
  ) -> String {
    "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\""
      + (dash ? " stroke-dasharray=\"6 4\"" : "") + "/>"
  }

  private func text(
    _ x: Double, _ y: Double, _ content: String, anchor: String, fill: String = "#333", extra: String = ""
  ) -> String {
    "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\" font-size=\"11\"\(extra)>\(content.htmlEscaped)</text>"
  }

  private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
