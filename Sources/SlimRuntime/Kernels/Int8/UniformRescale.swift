/// One `Rescale` applied to sixteen `Int32` lanes at once, bit for bit as
/// `Requantization.multiply(_:by:shift:)` gives each lane: the requantization of
/// the element-wise int8 kernels (`AddInt8`, `ChannelAffineInt8`) and of the
/// 16-lane int8 depthwise and pointwise stores, where every lane of a call shares
/// the multiplier and shift. The constants that depend on them alone are prepared
/// once, by `init`.
///
/// Against the per-lane form (`Requantization.multiplyInVectorLanes`), which the
/// convolutions need since their lanes are channels, this one does half the work
/// per lane:
/// - the 64-bit products are formed in place, the even lanes and the odd lanes
///   each by one `vpmuldq`, instead of widening 8 lanes at a time;
/// - the doubling high multiply's rounding and the rounding right shift are one
///   rounding of the 64-bit product (`roundedShift`): an add, a compare, a masked
///   subtract and one arithmetic shift per product. The whole rescale of 16 lanes is
///   12 vector instructions where the two steps took 15 (`objdump` of the 16-lane
///   int8 depthwise store; 18 and 21 with the output stage's clamp and narrowing);
/// - the saturating left shift runs only for a positive shift, which the models'
///   rescales (factors below 1) do not have.
///
/// 64-bit targets only (so the firmware carries none of it): the 32-bit cores have
/// no vector unit, and run the scalar forms.
#if !_pointerBitWidth(_32)
  struct UniformRescale {
    typealias Lanes = SIMD16<Int32>
    /// The same 64 bytes as 8 `Int64` lanes: lane `i` holds lanes `2i` (low half) and `2i + 1`.
    typealias Pairs = SIMD8<Int64>

    /// The left shift (0 when the shift is not positive).
    let left: Int32
    let multiplier: Int64
    /// `roundedShift`'s constants: what it adds to every product; below which sum
    /// the product's doubling high multiply is negative; what it subtracts more
    /// from those sums; the shift `31 + r`.
    let offset: Int64, negativeBelow: Int64, negativeCorrection: Int64, totalShift: Int64
    /// The result of the doubling high multiply's one overflow (`Int32.min · Int32.min`,
    /// saturated to `Int32.max`) after the right shift.
    let saturated: Int32

    /// Precondition: `rescale.shift` in `Requantization.shiftRange` (validated models). O(1).
    @inline(__always)
    init(_ rescale: Rescale) {
      left = rescale.shift > 0 ? rescale.shift : 0
      let right = Int64(rescale.shift > 0 ? 0 : 0 &- rescale.shift)
      multiplier = Int64(rescale.multiplier)
      offset = (1 << 30) &+ (right > 0 ? Int64(1) &<< (30 &+ right) : 0)
      negativeBelow = offset &- (1 << 30)
      negativeCorrection = right > 0 ? 1 << 31 : 0
      totalShift = 31 &+ right
      saturated = Requantization.roundingShiftRight(.max, by: right)
    }

    /// `Requantization.multiply(x[i], by: multiplier, shift: shift)` in every lane. Cost: O(1).
    @_transparent
    func apply(_ x: Lanes) -> Lanes {
      let a = left > 0 ? Self.saturatingShiftLeft(x, by: left) : x
      let pairs = unsafeBitCast(a, to: Pairs.self)
      // The even lanes' bits sit low in each pair, the odd lanes' high.
      let even = roundedShift(Self.product(pairs &<< 32, multiplier))
      let odd = roundedShift(Self.product(pairs, multiplier))
      let result = unsafeBitCast((even & Pairs(repeating: 0xFFFF_FFFF)) | (odd &<< 32), to: Lanes.self)
      guard multiplier == Int64(Int32.min) else { return result }
      // The one overflow (outside what validation admits).
      return result.replacing(with: saturated, where: a .== Lanes(repeating: .min))
    }

    /// The high halves of `pairs`, as `Int32` values, times `multiplier`, an
    /// `Int32` value, in 64 bits: one `vpmuldq`. Both operands are written as the
    /// arithmetic shift of a 32-bit value, so that LLVM sees sign-extended 32-bit
    /// operands even where the multiplier comes from memory; otherwise it emits
    /// `vpmullq` (3 micro-ops, 15 cycles' latency), as it did in `AddInt8.run` in a
    /// first version of this form, whose `init` was not inlined there. Cost: O(1).
    @_transparent
    static func product(_ pairs: Pairs, _ multiplier: Int64) -> Pairs {
      let factor = (Pairs(repeating: multiplier) &<< 32) &>> 32
      return (pairs &>> 32) &* factor
    }

    /// `Requantization.roundingShiftRight(doublingHighMultiply(a, multiplier), r)` for
    /// the products `p = a · multiplier`, as one rounding: with `h = ⌊(p + 2^30) / 2^31⌋`
    /// (the doubling high multiply: for `p < 0` the specification's truncation of
    /// `(p + 1 − 2^30) / 2^31`, a negative quotient, is its ceiling, which is this
    /// floor; ties go toward +∞ for either sign) and `r` the right
    /// shift, the rounding right shift is `⌊(h + b) / 2^r⌋` with `b = 2^(r−1)` for
    /// `h ≥ 0` and `2^(r−1) − 1` for `h < 0` (ties away from zero; `b = 0` for `r = 0`),
    /// and since `b` is an integer, `⌊(⌊u⌋ + b) / 2^r⌋ = ⌊(u + b) / 2^r⌋`, so the result
    /// is `⌊(p + 2^30 + b·2^31) / 2^(31 + r)⌋`; `h < 0` exactly when `p + 2^30 < 0`.
    /// No overflow: `|p| ≤ 2^62` and the added constant is below 2^62. Cost: O(1).
    @_transparent
    func roundedShift(_ products: Pairs) -> Pairs {
      let sums = products &+ Pairs(repeating: offset)
      // `p + 2^30 < 0` tested on the sums: with the product used twice, LLVM formed it
      // with `vpmullq` instead of `vpmuldq`.
      let rounded = sums.replacing(
        with: sums &- Pairs(repeating: negativeCorrection), where: sums .< Pairs(repeating: negativeBelow))
      return rounded &>> Pairs(repeating: totalShift)
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
  }

  extension Int8OutputStage {
    /// Sixteen lanes of `finish(_:multiplier:shift:)` with one rescale, bit for bit.
    @_transparent
    func finish(_ accumulator: SIMD16<Int32>, _ rescale: UniformRescale) -> SIMD16<Int8> {
      let scaled = rescale.apply(accumulator) &+ outputZeroPoint
      let low = SIMD16(repeating: outputMin), high = SIMD16(repeating: outputMax)
      return scaled.clampedToInt8(low, high)
    }
  }
#endif
