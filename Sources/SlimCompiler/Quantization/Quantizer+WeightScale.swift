extension Quantizer {
  /// The real scale of one output channel's int8 weights: `maxAbs / 127`, raised where
  /// needed so the channel's int32 bias `bias / (inputScale · scale)` plus the largest
  /// possible sum of `taps` products `(x − zx) · w` (each at most 255 · 127 in magnitude)
  /// still fits in int32.
  ///
  /// Why: a channel pruned by sparsity training (Network Slimming drives its BatchNorm
  /// γ to ≈ 0) keeps its β as a bias after folding while its weights shrink to ~1e-9.
  /// `maxAbs / 127` then puts the bias at ~1e9–1e11 units: it saturates int32, and the
  /// accumulator wraps, so the channel outputs garbage. Raising the scale costs nothing
  /// there (those weights round to 0 or a few levels, an error of at most `scale / 2`
  /// each, far below the bias's own int32 resolution) and keeps the bias exact.
  /// Cost: O(1).
  static func weightScale(maxAbs: Double, bias: Double, inputScale: Double, taps: Int) -> Float {
    let largestSum = Double(taps) * 255 * 127
    // Beyond 2^30 the products alone may wrap an int32 accumulator (inherent to the
    // scheme, as in TensorFlow Lite); the bias then still keeps half the range.
    let biasLimit = Double(Int32.max) - min(largestSum, Double(1 << 30))
    let needed = max(maxAbs / 127, abs(bias) / (inputScale * biasLimit))
    guard needed > 0, needed.isFinite else { return 1 }
    // Rounding to Float must not lower the scale (that would push the bias past the limit).
    let scale = Float(needed)
    return Double(scale) < needed ? scale.nextUp : scale
  }
}
