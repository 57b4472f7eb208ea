/// Everything `slim-report` says about one `.slim` model: per-layer rows,
/// totals, and (when given) the comparison with a baseline, the BatchNorm γ
/// distribution and runtime measurements.
///
/// Built from a loaded `SlimModel` by `ModelReport(model:path:)`; the
/// renderers (text, JSON, HTML) only format it, so all three agree. The JSON
/// form is this type encoded as is; its schema is `Formats/report-schema.json`.
public struct ModelReport: Codable, Sendable, Equatable {
  /// Version of the JSON document's layout (`Formats/report.md`).
  public static let currentSchemaVersion = 1

  public var schemaVersion: Int
  /// The `.slim` file, as given on the command line.
  public var path: String
  public var sections: [ReportSection]
  /// One row per operator of the `.slim` model, in execution order.
  public var layers: [ReportLayer]
  /// Activation memory per execution step (the memory-over-layers chart).
  public var memory: [MemoryPoint]
  public var totals: ReportTotals
  public var baseline: ReportBaseline?
  /// BatchNorm |γ| of a checkpoint baseline, with the pruning threshold.
  public var gamma: GammaDistribution?
  public var measurement: ReportMeasurement?
}
