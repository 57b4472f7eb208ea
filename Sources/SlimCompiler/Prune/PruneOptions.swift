/// What `Pruner` is asked to do.
public struct PruneOptions: Sendable {
  public var method: PruneMethod = .slimming
  /// Slimming: the fraction of all batch-norm channels under the threshold, in `[0, 1)`.
  public var percent: Double = 0.5
  /// `l1`/`l2`: the fraction of each prunable layer's filters to remove, in `[0, 1)`.
  public var ratio: Double = 0.5
  /// `l1`/`l2`: per-layer ratios by node name (e.g. `feature.0`), overriding `ratio`.
  public var layerRatios: [String: Double] = [:]
  /// No layer keeps fewer channels than this (the reference code would crash or build empty layers).
  public var minChannels: Int = 1
  /// Fold the constant output act(β) of removed channels into the next layer (slimming only).
  public var compensate = true
  /// Random probe inputs for verification.
  public var probeCount = 3
  /// Masked vs pruned model: relative difference allowed (float rounding only).
  public var tolerance = 1e-5

  public init() {}

  /// Checks ranges; throws `PruneError.invalidOption` naming the option.
  public func validate() throws(PruneError) {
    func unit(_ value: Double, _ name: String) throws(PruneError) {
      guard value.isFinite, value >= 0, value < 1 else {
        throw .invalidOption("\(name) must be in [0, 1), got \(value)")
      }
    }
    try unit(percent, "--percent")
    try unit(ratio, "--ratio")
    for (layer, value) in layerRatios { try unit(value, "the ratio of '\(layer)'") }
    guard minChannels >= 1 else { throw .invalidOption("--min-channels must be at least 1, got \(minChannels)") }
  }
}
