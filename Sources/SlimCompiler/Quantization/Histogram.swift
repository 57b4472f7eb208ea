import Foundation

/// A fixed-range histogram of one value's elements, for percentile and KL calibration.
struct Histogram: Sendable {
  /// The observed range; the histogram covers it (or `0...max |x|` for magnitudes).
  let range: ClosedRange<Double>
  /// Whether bins count `|x|` (KL calibration is over magnitudes, as TensorRT does).
  let magnitude: Bool
  var bins: [Double]
  let low: Double
  let width: Double

  init(range: ClosedRange<Double>, binCount: Int, magnitude: Bool) {
    self.range = range
    self.magnitude = magnitude
    bins = [Double](repeating: 0, count: binCount)
    low = magnitude ? 0 : range.lowerBound
    let high = magnitude ? max(abs(range.lowerBound), abs(range.upperBound)) : range.upperBound
    width = max(high - low, .leastNormalMagnitude) / Double(binCount)
  }

  /// Counts the finite elements of `values`. A magnitude histogram skips exact zeros, as
  /// ncnn does: after a ReLU half the elements can be 0, and that one spike would make
  /// every merge of the first bins look costly and drive `T` down to 128 bins.
  mutating func add(_ values: [Float]) {
    for x in values where x.isFinite && !(magnitude && x == 0) {
      let v = magnitude ? abs(Double(x)) : Double(x)
      bins[min(max(Int((v - low) / width), 0), bins.count - 1)] += 1
    }
  }

  /// `[lower, upper]` with `fraction` of the elements below `lower` and above `upper`.
  func percentileRange(_ fraction: Double) -> ClosedRange<Double> {
    let total = bins.reduce(0, +)
    guard total > 0 else { return range }
    var below = 0.0, first = 0
    while first < bins.count - 1, below + bins[first] <= fraction * total {
      below += bins[first]
      first += 1
    }
    var above = 0.0, last = bins.count - 1
    while last > first, above + bins[last] <= fraction * total {
      above += bins[last]
      last -= 1
    }
    let lower = max(range.lowerBound, low + Double(first) * width)
    let upper = min(range.upperBound, low + Double(last + 1) * width)
    return min(lower, upper)...max(lower, upper)
  }

  /// The observed range clipped to `±T` (TensorRT's and ncnn's entropy calibration):
  /// for every candidate `T` from 128 bins to all 2048, `P` is the magnitude histogram
  /// cut at `T` with the elements beyond folded into its last bin, `Q` is the cut
  /// histogram merged into 128 levels (int8's levels per sign) and spread back evenly
  /// over each level's non-empty bins; `T` minimizes `KL(P ‖ Q)` after both are smoothed
  /// so no bin of one is empty where the other is not. Needs a magnitude histogram.
  /// Cost: O(binCount²) (about 2·10⁶ steps).
  func entropyRange() -> ClosedRange<Double> {
    let levels = Self.entropyLevels
    guard bins.count > levels, bins.reduce(0, +) > 0 else { return range }
    var best = (divergence: Double.infinity, bins: bins.count)
    var outliers = bins[levels...].reduce(0, +)
    for candidate in levels...bins.count {
      let cut = bins[0..<candidate]
      let divergence = Self.divergence(cut, outliers: outliers, levels: levels)
      if divergence < best.divergence { best = (divergence, candidate) }
      if candidate < bins.count { outliers -= bins[candidate] }
    }
    let threshold = Double(best.bins) * width
    return max(range.lowerBound, -threshold)...min(range.upperBound, threshold)
  }

  /// Levels per sign an int8 value has: what entropy calibration merges the histogram into.
  static let entropyLevels = 128

  /// `KL(P ‖ Q)` for the cut histogram `cut` with `outliers` elements beyond it (see
  /// `entropyRange`), both distributions smoothed.
  static func divergence(_ cut: ArraySlice<Double>, outliers: Double, levels: Int) -> Double {
    let count = cut.count, base = cut.startIndex
    var p = Array(cut)
    p[count - 1] += outliers
    var q = [Double](repeating: 0, count: count)
    for level in 0..<levels {
      let start = level * count / levels, end = (level + 1) * count / levels
      var total = 0.0, nonEmpty = 0
      for k in start..<end where cut[base + k] > 0 {
        total += cut[base + k]
        nonEmpty += 1
      }
      guard nonEmpty > 0 else { continue }
      for k in start..<end where cut[base + k] > 0 { q[k] = total / Double(nonEmpty) }
    }
    guard smooth(&p), smooth(&q) else { return .infinity }
    var sum = 0.0
    for k in 0..<count where p[k] > 0 { sum += p[k] * log(p[k] / q[k]) }
    return sum
  }

  /// Normalizes `d` to sum 1, then moves a little mass (1e-4 per empty bin) from the
  /// non-empty bins to the empty ones so `log(p / q)` is finite (MXNet's and TensorRT's
  /// smoothing). False when `d` is all zeros or too sparse to give that mass.
  static func smooth(_ d: inout [Double]) -> Bool {
    let epsilon = 1e-4
    let total = d.reduce(0, +)
    let empty = d.count(where: { $0 == 0 })
    guard total > 0 else { return false }
    let taken = epsilon * Double(empty) / Double(d.count - empty)
    for k in d.indices {
      d[k] = d[k] == 0 ? epsilon : d[k] / total - taken
      if d[k] <= 0 { return false }
    }
    return true
  }
}
