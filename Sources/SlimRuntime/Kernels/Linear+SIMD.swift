extension Linear {
  /// The same function as `run`, with four output rows per pass and `SIMD16`
  /// accumulators, so each chunk of `input` is loaded once for four rows.
  /// Summation order differs from `run` (lane-wise partial sums).
  ///
  /// Preconditions as `run`; `rows` is a sub-range of `0..<outFeatures` (disjoint
  /// ranges may run on different threads). The activation is applied to `rows` only.
  /// Cost: O(|rows|·inFeatures).
  static func runSIMD(
    inFeatures: Int, rows: Range<Int>, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, activation: SlimActivation
  ) {
    let vectorEnd = inFeatures - inFeatures % 16
    var o = rows.lowerBound
    while o < rows.upperBound {
      let count = min(4, rows.upperBound - o)
      // Short tails repeat the last row; its sums are discarded.
      let r0 = weight + o * inFeatures
      let r1 = weight + (o + min(1, count - 1)) * inFeatures
      let r2 = weight + (o + min(2, count - 1)) * inFeatures
      let r3 = weight + (o + min(3, count - 1)) * inFeatures
      var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
      var i = 0
      while i < vectorEnd {
        let x = UnsafeRawPointer(input + i).loadUnaligned(as: SIMD16<Float>.self)
        s0 += x * UnsafeRawPointer(r0 + i).loadUnaligned(as: SIMD16<Float>.self)
        s1 += x * UnsafeRawPointer(r1 + i).loadUnaligned(as: SIMD16<Float>.self)
        s2 += x * UnsafeRawPointer(r2 + i).loadUnaligned(as: SIMD16<Float>.self)
        s3 += x * UnsafeRawPointer(r3 + i).loadUnaligned(as: SIMD16<Float>.self)
        i += 16
      }
      var sums = (s0.sum(), s1.sum(), s2.sum(), s3.sum())
      for j in vectorEnd..<inFeatures {
        sums.0 += r0[j] * input[j]
        sums.1 += r1[j] * input[j]
        sums.2 += r2[j] * input[j]
        sums.3 += r3[j] * input[j]
      }
      output[o] = sums.0 + (bias?[o] ?? 0)
      if count > 1 { output[o + 1] = sums.1 + (bias?[o + 1] ?? 0) }
      if count > 2 { output[o + 2] = sums.2 + (bias?[o + 2] ?? 0) }
      if count > 3 { output[o + 3] = sums.3 + (bias?[o + 3] ?? 0) }
      o += count
    }
    Activation.apply(activation, inPlace: output + rows.lowerBound, count: rows.count)
  }
}
