/// Distribution of BatchNorm |γ| over all batch norms of a checkpoint
/// baseline, and the threshold below which channels were pruned (the
/// Network Slimming rule: keep a channel when |γ| > threshold).
public struct GammaDistribution: Codable, Sendable, Equatable {
  public enum ThresholdSource: String, Codable, Sendable {
    /// The largest |γ| among the pruned channels, found from the baseline's
    /// γ and the number of channels the model kept (see `Formats/report.md`).
    case derived
    /// `sorted |γ|[Int(count × percent)]`, from `--percent`, as `vggprune.py` computes it.
    case percent
  }

  /// A histogram bin `[lower, upper)` of |γ|; bins are equal on a log10
  /// axis. The first bin also holds every smaller value (zeros included),
  /// the last its upper edge.
  public struct Bin: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var count: Int
  }

  /// Number of γ values (channels) over all batch norms.
  public var count: Int
  public var minimum: Double
  public var maximum: Double
  public var bins: [Bin]
  /// Nil when the model kept every channel (nothing was pruned).
  public var threshold: Double?
  public var thresholdSource: ThresholdSource?
  /// The `--percent` given, when the threshold came from it.
  public var percent: Double?
  /// Channels with |γ| ≤ threshold (pruned by the rule).
  public var atOrBelowThreshold: Int?
}
