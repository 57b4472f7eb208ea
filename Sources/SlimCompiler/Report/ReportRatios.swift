/// The model's totals divided by the baseline's (0.25 = four times smaller).
public struct ReportRatios: Codable, Sendable, Equatable {
  public var fileBytes: Double
  public var parameters: Double
  public var macs: Double
  public var weightBytes: Double
  /// Nil when the baseline has no arena (a checkpoint).
  public var arenaBytes: Double?

  /// `after / before`, or 1 when `before` is 0 (nothing to compare).
  static func ratio(_ after: Int, _ before: Int) -> Double {
    before == 0 ? 1 : Double(after) / Double(before)
  }
}
