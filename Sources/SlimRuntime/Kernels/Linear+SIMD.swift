extension Linear {
  /// The same function as `run`, one output row after another in `SIMD16` lanes, four
  /// partial sums per row (inputs `64k + 16j` in sum `j`) so that consecutive
  /// multiply-adds do not wait on each other. The weights are read as one stream:
  /// reading four rows at a time, each 16 inputs loaded once for the four, took
  /// MobileNetV2's 1280→1000 classifier (5.1 MB, from memory in every inference)
  /// 389 µs in the network (`slim-report --measure`, AMD Zen 4); see the commit that
  /// made it row by row for the time after.
  /// Summation order differs from `run` (lane-wise partial sums).
  ///
  /// Preconditions as `run`; `rows` is a sub-range of `0..<outFeatures` (disjoint
  /// ranges may run on different threads). The activation is applied to `rows` only.
  /// Cost: O(|rows|·inFeatures).
  static func runSIMD(
    inFeatures: Int, rows: Range<Int>, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, activation: SlimActivation
  ) {
    let blockEnd = inFeatures - inFeatures % 64
    let vectorEnd = inFeatures - inFeatures % 16
    let x = UnsafeRawPointer(input)
    for o in rows {
      let w = UnsafeRawPointer(weight + o * inFeatures)
      var s0 = SIMD16<Float>(), s1 = s0, s2 = s0, s3 = s0
      @inline(__always) func add(_ sum: inout SIMD16<Float>, at i: Int) {
        let bytes = i &* 4
        BlockedConv2D.multiplyAdd(
          &sum, x.loadUnaligned(fromByteOffset: bytes, as: SIMD16<Float>.self),
          w.loadUnaligned(fromByteOffset: bytes, as: SIMD16<Float>.self))
      }
      var i = 0
      while i < blockEnd {
        add(&s0, at: i)
        add(&s1, at: i &+ 16)
        add(&s2, at: i &+ 32)
        add(&s3, at: i &+ 48)
        i &+= 64
      }
      while i < vectorEnd {
        add(&s0, at: i)
        i &+= 16
      }
      var sum = ((s0 + s1) + (s2 + s3)).sum()
      let row = weight + o * inFeatures
      for j in vectorEnd..<inFeatures { sum += row[j] * input[j] }
      output[o] = sum + (bias?[o] ?? 0)
    }
    Activation.apply(activation, inPlace: output + rows.lowerBound, count: rows.count)
  }
}
