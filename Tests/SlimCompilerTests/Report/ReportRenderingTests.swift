import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// The three renderings of one report: JSON against the schema, the page
/// self-contained with the right charts, the table aligned and agreeing.
@Suite struct ReportRenderingTests {
  static let schemaPath = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Formats/report-schema.json").path

  static func measuredReport() throws -> ModelReport {
    var report = try ReportFixture.comparedReport()
    var profiler = ReportProfiler()
    profiler.timedRuns = 3
    profiler.warmupRuns = 1
    profiler.timedLoads = 1
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slim-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("m.slim").path
    try Data(ReportFixture.finetuned).write(to: URL(fileURLWithPath: path))
    var ticks: [Int] = []
    try profiler.measure(&report, model: try ReportFixture.model(), path: path) { ticks.append($0) }
    #expect(ticks == Array(1...profiler.workCount))
    return report
  }

  @Test func jsonFollowsTheSchema() throws {
    let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.schemaPath)))
    for report in [ModelReport(model: try ReportFixture.model(), path: "m"), try Self.measuredReport()] {
      let json = try JSONSerialization.jsonObject(with: report.jsonData())
      let problems = SchemaChecker().problems(json, schema as! [String: Any])
      #expect(problems.isEmpty, "\(problems)")
      #expect(try JSONDecoder().decode(ModelReport.self, from: report.jsonData()) == report)
    }
  }

  @Test func schemaCheckerCatchesAWrongDocument() throws {
    let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.schemaPath)))
    var json = try JSONSerialization.jsonObject(with: ReportFixture.comparedReport().jsonData()) as! [String: Any]
    json.removeValue(forKey: "totals")
    json["extra"] = 1
    let problems = SchemaChecker().problems(json, schema as! [String: Any])
    #expect(problems.contains { $0.contains("missing totals") })
    #expect(problems.contains { $0.contains("unexpected extra") })
  }

  @Test func measurementFillsEveryLatency() throws {
    let report = try Self.measuredReport()
    #expect(report.layers.allSatisfy { ($0.latencyMicroseconds ?? -1) > 0 })
    #expect((report.totals.latencyMilliseconds ?? -1) > 0)
    #expect((report.totals.loadMilliseconds ?? -1) > 0)
    #expect(report.measurement?.timedRuns == 3)
  }

  @Test func htmlIsSelfContainedAndDrawsTheCharts() throws {
    let report = try Self.measuredReport()
    let html = ReportHTMLRenderer().render(report)
    for forbidden in ["http", "src=", "url(", "<script", "<link"] {
      #expect(!html.lowercased().contains(forbidden), "the page contains \(forbidden)")
    }
    for title in [
      "Channels per layer", "BatchNorm γ distribution", "MACs per layer", "Latency per layer",
      "Memory over the layer sequence",
    ] {
      #expect(html.contains("<h2>\(title)</h2>"))
    }
    #expect(html.components(separatedBy: "<svg").count - 1 == 5)
    // Paired bars: one baseline and one pruned bar per conv/linear layer, with the widths as tooltips.
    let weighted = report.layers.filter { $0.channels != nil }
    #expect(html.components(separatedBy: "fill=\"#b8b8b8\"><title>").count - 1 == weighted.count)
    for layer in weighted {
      #expect(html.contains("<title>\(layer.baselineLayer!): baseline \(layer.channels!.before)</title>"))
      #expect(html.contains("<title>\(layer.baselineLayer!): this model \(layer.channels!.after)</title>"))
    }
    #expect(html.contains("threshold 0.0154"))
  }

  @Test func htmlWithoutBaselineLeavesOutComparisonCharts() throws {
    let html = ReportHTMLRenderer().render(ModelReport(model: try ReportFixture.model(), path: "<m>&"))
    #expect(!html.contains("Channels per layer"))
    #expect(!html.contains("γ distribution"))
    #expect(html.contains("&lt;m&gt;&amp;"))
  }

  @Test func tableAgreesWithTheReport() throws {
    let report = try ReportFixture.comparedReport()
    let plain = ReportTextRenderer(colour: false).render(report)
    #expect(!plain.contains("\u{1B}["))
    #expect(plain.contains("MACs        \(ReportFormatting.grouped(report.totals.macs))"))
    #expect(plain.contains("parameters  \(ReportFormatting.grouped(report.totals.parameters))"))
    #expect(plain.contains("8 → 6"))
    #expect(plain.contains("173 pruned"))
    let lines = plain.split(separator: "\n")
    // Header and rows have the same width: the columns are aligned.
    let rows = lines[1...(report.layers.count + 1)]
    #expect(Set(rows.map(\.count)).count == 1)
    #expect(ReportTextRenderer(colour: true).render(report).contains("\u{1B}[1m"))
  }
}
