/// One `Rescale` applied to sixteen `Int32` lanes at once, bit for bit as
/// `Requantization.multiply(_:by:shift:)` gives each lane: the requantization of
/// the element-wise int8 kernels (`AddInt8`, `ChannelAffineInt8`), where every lane
/// of a call shares the multiplier and shift. The constants that depend on them
/// alone are prepared once, by `init`.
///
/// Against the per-lane form (`Requantization.multiplyInVectorLanes`), which the
/// convolutions need since their lanes are channels, this one does half the work
/// per lane:
/// - the saturating left shift runs only for a positive shift, which the models'
///   element-wise rescales (factors below 1) do not have;
/// - the 64-bit products are formed in place, the even lanes and the odd lanes
///   each by one `vpmuldq`, instead of widening 8 lanes at a time;
/// - the rounding of the doubling high multiply is one add and one shift
///   (`roundedHigh`).
///
/// 64-bit targets only (so the firmware carries none of it): the 32-bit cores have
/// no vector unit, and run the scalar forms.
#if !_pointerBitWidth(_32)
  struct UniformRescale {
    typealias Lanes = SIMD16<Int32>
    /// The same 64 bytes as 8 `Int64` lanes: lane `i` holds lanes `2i` (low half) and `2i + 1`.
    typealias Pairs = SIMD8<Int64>

    /// The left shift (0 when the shift is not positive) and the right shift (0...31).
    let left: Int32, right: Int32
    let multiplier: Int64
    /// `2^right − 1`, and half of it rounded down: `roundingShiftRight`'s mask and threshold.
    let mask: Int32, halfMask: Int32

    /// Precondition: `rescale.shift` in `Requantization.shiftRange` (validated models). O(1).
    init(_ rescale: Rescale) {
      left = rescale.shift > 0 ? rescale.shift : 0
      right = rescale.shift > 0 ? 0 : 0 &- rescale.shift
      multiplier = Int64(rescale.multiplier)
      mask = Int32(truncatingIfNeeded: (Int64(1) &<< Int64(right)) &- 1)
      halfMask = mask &>> 1
    }

    /// `Requantization.multiply(x[i], by: multiplier, shift: shift)` in every lane. Cost: O(1).
    @_transparent
    func apply(_ x: Lanes) -> Lanes {
      let a = left > 0 ? Self.saturatingShiftLeft(x, by: left) : x
      var high = Self.doublingHighMultiply(a, multiplier)
      if multiplier == Int64(Int32.min) {
        // The one overflow of the doubling high multiply (outside what validation admits).
        high = high.replacing(with: .max, where: a .== Lanes(repeating: .min))
      }
      return roundingShiftRight(high)
    }

    /// `x << shift`, saturating toward x's sign where bits are lost. Cost: O(1).
    @_transparent
    static func saturatingShiftLeft(_ x: Lanes, by shift: Int32) -> Lanes {
      let amount = Lanes(repeating: shift)
      let shifted = x &<< amount
      // Int32.max for x >= 0, Int32.min below: arithmetic rather than a select, which
      // for 16 lanes was lowered lane by lane.
      let saturated = (x &>> 31) ^ Lanes(repeating: .max)
      return shifted.replacing(with: saturated, where: (shifted &>> amount) .!= x)
    }

    /// The low 32 bits of `doublingHighMultiply(a[i], b)` in every lane (the
    /// `Int32.min · Int32.min` lanes are left to the caller). Cost: O(1).
    @_transparent
    static func doublingHighMultiply(_ a: Lanes, _ b: Int64) -> Lanes {
      let pairs = unsafeBitCast(a, to: Pairs.self)
      let multiplier = Pairs(repeating: b)
      // Each product's operands are sign-extended 32-bit values, which is what
      // `vpmuldq` multiplies; the even lanes' bits sit low, the odd lanes' high.
      let even = roundedHigh(((pairs &<< 32) &>> 32) &* multiplier)
      let odd = roundedHigh((pairs &>> 32) &* multiplier)
      return unsafeBitCast((even & Pairs(repeating: 0xFFFF_FFFF)) | (odd &<< 32), to: Lanes.self)
    }

    /// `round(p / 2^31)` with ties toward +∞, as the scalar form's nudge and
    /// truncating division give it for either sign: for p < 0 the truncation of
    /// (p + 1 − 2^30) / 2^31, a negative quotient, is its ceiling, which is the floor
    /// of (p + 2^30) / 2^31, the positive products' formula. Cost: O(1).
    @_transparent
    static func roundedHigh(_ products: Pairs) -> Pairs {
      (products &+ Pairs(repeating: 1 << 30)) &>> 31
    }

    /// `Requantization.roundingShiftRight(x[i], by: right)` in every lane. Cost: O(1).
    @_transparent
    func roundingShiftRight(_ x: Lanes) -> Lanes {
      let remainder = x & Lanes(repeating: mask)
      // One more for negative lanes: ties round away from zero.
      let threshold = Lanes(repeating: halfMask) &- (x &>> 31)
      return (x &>> Lanes(repeating: right)) &+ Lanes().replacing(with: 1, where: remainder .> threshold)
    }
  }

  extension Int8OutputStage {
    /// Sixteen lanes of `finish(_:multiplier:shift:)` with one rescale, bit for bit.
    @_transparent
    func finish(_ accumulator: SIMD16<Int32>, _ rescale: UniformRescale) -> SIMD16<Int8> {
      let scaled = rescale.apply(accumulator) &+ outputZeroPoint
      let low = SIMD16(repeating: outputMin), high = SIMD16(repeating: outputMax)
      return scaled.replacing(with: low, where: scaled .< low).replacing(with: high, where: scaled .> high).narrowed
    }
  }
#endif
