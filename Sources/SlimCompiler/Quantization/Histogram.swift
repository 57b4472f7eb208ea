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

  mutating func add(_ values: [Float]) {
    for x in values where x.isFinite {
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

  /// The observed range clipped to `±T`, where `T` minimizes `KL(P ‖ Q)` between the
  /// magnitude histogram clipped at `T` (outliers folded into the last bin) and that
  /// histogram quantized to the int8 levels available (256 for a non-negative value,
  /// 128 per sign otherwise) and expanded back (TensorRT's entropy calibration).
  func entropyRange() -> ClosedRange<Double> {
    let levels = range.lowerBound >= 0 ? 256 : 128
    guard bins.count > levels, bins.reduce(0, +) > 0 else { return range }
    var best = (divergence: Double.infinity, bins: bins.count)
    for candidate in stride(from: levels, through: bins.count, by: 16) {
      var reference = Array(bins[0..<candidate])
      reference[candidate - 1] += bins[candidate...].reduce(0, +)
      let divergence = Self.divergence(reference, levels: levels, original: bins[0..<candidate])
      if divergence < best.divergence { best = (divergence, candidate) }
    }
    let threshold = Double(best.bins) * width
    return max(range.lowerBound, -threshold)...min(range.upperBound, threshold)
  }

  /// `KL(P ‖ Q)` where `Q` spreads each of `levels` merged groups of `original` evenly over
  /// its non-empty bins.
  private static func divergence(_ p: [Double], levels: Int, original: ArraySlice<Double>) -> Double {
    let count = p.count
    var q = [Double](repeating: 0, count: count)
    for level in 0..<levels {
      let start = level * count / levels, end = (level + 1) * count / levels
      let group = original[original.startIndex + start..<original.startIndex + end]
      let nonEmpty = group.filter { $0 > 0 }.count
      guard nonEmpty > 0 else { continue }
      let share = group.reduce(0, +) / Double(nonEmpty)
      for k in start..<end where original[original.startIndex + k] > 0 { q[k] = share }
    }
    let pTotal = p.reduce(0, +), qTotal = q.reduce(0, +)
    guard pTotal > 0, qTotal > 0 else { return .infinity }
    var sum = 0.0
    for k in 0..<count where p[k] > 0 {
      let pk = p[k] / pTotal
      // A bin P has and Q lacks (only the folded outlier bin can) costs as if Q were tiny.
      let qk = q[k] > 0 ? q[k] / qTotal : 1e-12
      sum += pk * log(pk / qk)
    }
    return sum
  }
}
