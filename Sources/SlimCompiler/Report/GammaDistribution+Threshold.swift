import Foundation

extension GammaDistribution {
  /// Histogram bins per power of ten.
  static let binsPerDecade = 5
  /// At most this many decades below the largest |γ|: the sparsity penalty
  /// drives pruned γ towards 0 (1e-6 and below), and smaller values all land
  /// in the first bin.
  static let maximumDecades = 8

  /// The distribution of `magnitudes` (|γ| of every batch norm) on a log10
  /// axis, `binsPerDecade` bins per power of ten, with the threshold of a
  /// pruning that kept `kept` channels, or the one `percent` gives.
  ///
  /// Log bins because trained-with-sparsity γ span six or more decades: on a
  /// linear axis every pruned channel and the threshold fall into the first bin.
  ///
  /// Derived threshold: Network Slimming keeps a channel when |γ| > t, so
  /// with `p = count − kept` channels pruned, t is the p-th smallest |γ|
  /// (`vggprune.py`'s `sorted[int(count · percent)]` when no layer was kept
  /// whole by its empty-layer guard). Nil when nothing was pruned.
  /// Precondition: `magnitudes` is not empty. Cost: O(n log n).
  init(magnitudes: [Double], kept: Int, percent: Double?) {
    let sorted = magnitudes.sorted()
    let maximum = sorted.last!
    let top = maximum > 0 ? log10(maximum).rounded(.up) : 0
    let smallestPositive = sorted.first { $0 > 0 } ?? 1
    let bottom = max(log10(smallestPositive).rounded(.down), top - Double(Self.maximumDecades))
    let decades = max(Int(top - bottom), 1)
    let binCount = decades * Self.binsPerDecade
    let step = 1 / Double(Self.binsPerDecade)
    var bins = (0..<binCount).map { i in
      Bin(lower: pow(10, bottom + Double(i) * step), upper: pow(10, bottom + Double(i + 1) * step), count: 0)
    }
    for value in sorted {
      let position = value > 0 ? Int(((log10(value) - bottom) / step).rounded(.down)) : 0
      bins[min(max(position, 0), binCount - 1)].count += 1
    }

    var threshold: Double?
    var source: ThresholdSource?
    if let percent {
      threshold = sorted[min(Int(Double(sorted.count) * percent), sorted.count - 1)]
      source = .percent
    } else if kept < sorted.count {
      threshold = sorted[sorted.count - max(kept, 0) - 1]
      source = .derived
    }
    self.init(
      count: sorted.count, minimum: sorted[0], maximum: maximum, bins: bins, threshold: threshold,
      thresholdSource: source, percent: percent,
      atOrBelowThreshold: threshold.map { t in sorted.reduce(0) { $0 + ($1 <= t ? 1 : 0) } })
  }
}
