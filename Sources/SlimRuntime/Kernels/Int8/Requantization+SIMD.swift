extension Requantization {
  /// Eight lanes of `multiply(_:by:shift:)`, each with its own multiplier and shift,
  /// bit for bit for shifts in `shiftRange` (any multiplier). Cost: about 80 AVX2
  /// instructions for the eight lanes, no branches.
  ///
  /// Only `Int32` lane operations, because those are what every target's vector
  /// unit has: below AVX-512 x86 has no 64-bit lane multiply, and the standard
  /// library's `SIMD8<Int64>` conversions and shifts do not lower to vector
  /// instructions (54 ns a lane when tried). The 64-bit product is built in a
  /// (high, low) pair of `Int32` vectors from four 16 × 16-bit partial products,
  /// each of which fits in 32 bits. The lane-by-lane scalar loop this replaces was
  /// not vectorized inside the kernels and made requantization about 75% of an
  /// int8 depthwise layer's time; this form runs those layers 3–4x faster.
  ///
  /// 32-bit targets (the Cortex-M and RISC-V firmware) have no such vector unit but
  /// a single-instruction 32 × 32 → 64-bit multiply, so there the scalar form runs
  /// lane by lane: fewer instructions and less code.
  @inline(__always)
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
  @inline(__always)
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
  @inline(__always)
  static func doublingHighMultiply(_ a: SIMD8<Int32>, _ b: SIMD8<Int32>) -> SIMD8<Int32> {
    let zero = SIMD8<Int32>()
    let low16 = SIMD8<Int32>(repeating: 0xFFFF)
    // a = ah·2^16 + al and b = bh·2^16 + bl, with ah, bh signed and al, bl in 0..<2^16.
    let ah = a &>> 16, al = a & low16, bh = b &>> 16, bl = b & low16
    // a·b = ah·bh·2^32 + (ah·bl + al·bh)·2^16 + al·bl; al·bl fills the low word unsigned.
    var product = WideLanes(high: ah &* bh, low: al &* bl)
    let cross1 = ah &* bl, cross2 = al &* bh
    product.add(high: cross1 &>> 16, low: cross1 &<< 16)
    product.add(high: cross2 &>> 16, low: cross2 &<< 16)
    // The nudge of the scalar form (2^30, or 1 − 2^30 for a negative product) ...
    // Arithmetic shifts give the sign masks: −1 in negative lanes, 0 elsewhere.
    let sign = product.high &>> 31
    product.add(high: sign, low: SIMD8(repeating: 1 << 30) &+ (sign & SIMD8(repeating: Int32.min + 1)))
    // ... then a division by 2^31 truncating toward zero: floor after adding 2^31 − 1 to a negative sum.
    product.add(high: zero, low: (product.high &>> 31) & SIMD8(repeating: .max))
    let quotient = (product.high &<< 1) | ((product.low &>> 31) & 1)
    // The one overflow, Int32.min · Int32.min, saturates; the lanes are found by
    // one compare (combining two compare masks with `.&` was lowered lane by lane).
    let minimum = SIMD8<Int32>(repeating: .min)
    return quotient.replacing(with: .max, where: ((a ^ minimum) | (b ^ minimum)) .== zero)
  }

  /// Eight lanes of `roundingShiftRight(_:by:)`; `exponent` lanes in 0...31. Cost: O(1).
  @inline(__always)
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
  @inline(__always)
  func finish(_ accumulator: SIMD8<Int32>, multiplier: SIMD8<Int32>, shift: SIMD8<Int32>) -> SIMD8<Int8> {
    let scaled = Requantization.multiply(accumulator, by: multiplier, shift: shift) &+ outputZeroPoint
    // Compares and selects rather than `clamped(lowerBound:upperBound:)`, whose generic
    // `pointwiseMin`/`pointwiseMax` were left as calls.
    let low = SIMD8(repeating: outputMin), high = SIMD8(repeating: outputMax)
    return scaled.replacing(with: low, where: scaled .< low).replacing(with: high, where: scaled .> high).narrowed
  }
}
