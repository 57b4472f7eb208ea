/// The integer rescaling every int8 operator ends with, exactly as specified in
/// `Formats/slim-v1.md` ("Requantization"): TensorFlow Lite's
/// `MultiplyByQuantizedMultiplier`, a rounding doubling high multiply followed by
/// a rounding right shift, so a core without an FPU computes the same bits.
///
/// All arithmetic is on `Int64` with smart shifts, so no input (even an
/// unvalidated one) can trap; validated models keep `multiplier` in
/// `0...Int32.max` and `shift` in `-31...30`.
enum Requantization {
  /// Smallest and largest shift a model may store.
  static let shiftRange: ClosedRange<Int32> = -31...30

  /// `x · multiplier · 2^shift / 2^31`, rounded as the spec says.
  ///
  /// Shifts are masking (`&<<`, `&>>`): for validated shifts every amount is in
  /// 0...31, where they equal the checked shifts, and they compile to single
  /// instructions (the checked ones cost branches in every int8 kernel's output loop).
  @inline(__always)
  static func multiply(_ x: Int32, by multiplier: Int32, shift: Int32) -> Int32 {
    let left = Int64(shift > 0 ? shift : 0)
    let right = Int64(shift > 0 ? 0 : 0 &- shift)
    let shifted = clampToInt32(Int64(x) &<< left)
    return roundingShiftRight(doublingHighMultiply(shifted, multiplier), by: right)
  }

  /// `round(a · b / 2^31)` with ties toward +∞, saturating the one overflow
  /// (`Int32.min · Int32.min`) to `Int32.max`. Cost: O(1).
  @inline(__always)
  static func doublingHighMultiply(_ a: Int32, _ b: Int32) -> Int32 {
    if a == .min && b == .min { return .max }
    let product = Int64(a) * Int64(b)
    let nudge: Int64 = product >= 0 ? 1 << 30 : 1 - (1 << 30)
    // Division truncating toward zero, like C's (and Swift's `/`), written as a shift.
    let sum = product &+ nudge
    return Int32(truncatingIfNeeded: (sum &+ (sum < 0 ? (1 << 31) - 1 : 0)) &>> 31)
  }

  /// `round(x / 2^exponent)` with ties away from zero; `exponent` in 0...31.
  @inline(__always)
  static func roundingShiftRight(_ x: Int32, by exponent: Int64) -> Int32 {
    let value = Int64(x)
    let mask = (Int64(1) &<< exponent) &- 1
    let remainder = value & mask
    let threshold = (mask &>> 1) &+ (value < 0 ? 1 : 0)
    return Int32(truncatingIfNeeded: (value &>> exponent) &+ (remainder > threshold ? 1 : 0))
  }

  @inline(__always)
  static func clampToInt32(_ x: Int64) -> Int32 {
    x < Int64(Int32.min) ? .min : (x > Int64(Int32.max) ? .max : Int32(x))
  }

  /// `x` clamped to `low...high` and narrowed to int8 (the bounds are validated int8 values).
  @inline(__always)
  static func clampToInt8(_ x: Int32, _ low: Int32, _ high: Int32) -> Int8 {
    Int8(truncatingIfNeeded: x < low ? low : (x > high ? high : x))
  }
}
