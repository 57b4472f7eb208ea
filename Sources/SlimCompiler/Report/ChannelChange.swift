/// Width of a layer's output before (baseline) and after (this model).
public struct ChannelChange: Codable, Sendable, Equatable {
  public var before: Int
  public var after: Int

  /// Fraction of the baseline's channels kept, 0 ... 1 (1 when `before` is 0).
  public var keptFraction: Double { before == 0 ? 1 : Double(after) / Double(before) }
}
