extension Requantization {
  /// Eight lanes of `multiply(_:by:shift:)`, each with its own multiplier and shift,
  /// bit for bit. Written as a loop over the lanes, which the optimizer turns into
  /// straight-line code (0.8 ns a lane on the build machine); the same steps written
  /// with `SIMD8<Int64>` operators measured 54 ns a lane, as the standard library's
  /// generic vector conversions and shifts do not lower to vector instructions.
  @inline(__always)
  static func multiply(_ x: SIMD8<Int32>, by multiplier: SIMD8<Int32>, shift: SIMD8<Int32>) -> SIMD8<Int32> {
    var result = SIMD8<Int32>()
    for lane in 0..<8 { result[lane] = multiply(x[lane], by: multiplier[lane], shift: shift[lane]) }
    return result
  }
}

extension Int8OutputStage {
  /// Eight lanes of `finish(_:multiplier:shift:)`, bit for bit.
  @inline(__always)
  func finish(_ accumulator: SIMD8<Int32>, multiplier: SIMD8<Int32>, shift: SIMD8<Int32>) -> SIMD8<Int8> {
    let scaled = Requantization.multiply(accumulator, by: multiplier, shift: shift) &+ outputZeroPoint
    let clamped = scaled.clamped(
      lowerBound: SIMD8(repeating: outputMin), upperBound: SIMD8(repeating: outputMax))
    return SIMD8<Int8>(truncatingIfNeeded: clamped)
  }
}
