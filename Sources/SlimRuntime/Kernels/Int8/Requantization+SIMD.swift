extension Requantization {
  /// Eight lanes of `multiply(_:by:shift:)`, each with its own multiplier and shift,
  /// bit for bit for shifts in `shiftRange` (any multiplier). Cost: O(1), no
  /// branches. `@_transparent` here and below: with `@inline(__always)` the kernels
  /// were left calling it (and `Int8OutputStage.finish`) once per vector, 20-27% of
  /// PreResNet-164's int8 run.
  ///
  /// 32-bit targets (the Cortex-M and RISC-V firmware) have no vector unit to gain
  /// from but a single-instruction 32 × 32 → 64-bit multiply, so there the scalar
  /// form runs lane by lane: fewer instructions and less code.
  @_transparent
  static func multiply(_ x: SIMD8<Int32>, by multiplier: SIMD8<Int32>, shift: SIMD8<Int32>) -> SIMD8<Int32> {
    #if _pointerBitWidth(_32)
      var result = SIMD8<Int32>()
      for lane in 0..<8 { result[lane] = multiply(x[lane], by: multiplier[lane], shift: shift[lane]) }
      return result
    #else
      return multiplyInVectorLanes(x, by: multiplier, shift: shift)
    #endif
  }

  /// The vector form of `multiply(_:by:shift:)` (see there), on every target.
  @_transparent
  static func multiplyInVectorLanes(
    _ x: SIMD8<Int32>, by multiplier: SIMD8<Int32>, shift: SIMD8<Int32>
  ) -> SIMD8<Int32> {
    let zero = SIMD8<Int32>()
    let left = shift.replacing(with: zero, where: shift .< zero)
    let right = (zero &- shift).replacing(with: zero, where: shift .> zero)
    // Saturating `x << left`: a shift that loses bits saturates toward x's sign.
    let shifted = x &<< left
    let saturated = SIMD8<Int32>(repeating: .max).replacing(with: .min, where: x .< zero)
    let a = shifted.replacing(with: saturated, where: (shifted &>> left) .!= x)
    let high = doublingHighMultiply(a, multiplier)
    return roundingShiftRight(high, by: right)
  }

  /// Eight lanes of `doublingHighMultiply(_:_:)`, bit for bit. Cost: O(1).
  ///
  /// The product is formed in `Int64` lanes from lanes widened one by one
  /// (`widened`), which the optimizer turns into `vpmovsxdq` and `vpmuldq`; the
  /// standard library's generic conversions between vector types were left as
  /// calls, and an earlier form that built the 64-bit product from four 16 × 16-bit
  /// partial products in pairs of `Int32` vectors measured 4.0 ns a lane on an
  /// AVX-512 build against 0.24 for this one (1.15 against 2.5 in a portable build).
  @_transparent
  static func doublingHighMultiply(_ a: SIMD8<Int32>, _ b: SIMD8<Int32>) -> SIMD8<Int32> {
    let product = a.widened &* b.widened
    // The scalar form's nudge and truncating division, as one add and shift (see
    // `UniformRescale.roundedHigh`).
    let quotient = (product &+ SIMD8(repeating: 1 << 30)) &>> 31
    // The one overflow, Int32.min · Int32.min, saturates; the lanes are found by
    // one compare (combining two compare masks with `.&` was lowered lane by lane).
    let minimum = SIMD8<Int32>(repeating: .min)
    return quotient.truncated.replacing(with: .max, where: ((a ^ minimum) | (b ^ minimum)) .== SIMD8<Int32>())
  }

  /// Eight lanes of `roundingShiftRight(_:by:)`; `exponent` lanes in 0...31. Cost: O(1).
  @_transparent
  static func roundingShiftRight(_ x: SIMD8<Int32>, by exponent: SIMD8<Int32>) -> SIMD8<Int32> {
    let zero = SIMD8<Int32>()
    let mask = (SIMD8<Int32>(repeating: 1) &<< exponent) &- 1
    let remainder = x & mask
    let threshold = (mask &>> 1) &+ zero.replacing(with: 1, where: x .< zero)
    return (x &>> exponent) &+ zero.replacing(with: 1, where: remainder .> threshold)
  }
}

extension Int8OutputStage {
  /// Eight lanes of `finish(_:multiplier:shift:)`, bit for bit.
  @_transparent
  func finish(_ accumulator: SIMD8<Int32>, multiplier: SIMD8<Int32>, shift: SIMD8<Int32>) -> SIMD8<Int8> {
    let scaled = Requantization.multiply(accumulator, by: multiplier, shift: shift) &+ outputZeroPoint
    return scaled.clampedToInt8(SIMD8(repeating: outputMin), SIMD8(repeating: outputMax))
  }
}
