/// The integer rules of the int8 operators written straight from their definitions
/// in `Formats/slim-v1.md`, in `Int64` with explicit floor and round-half-away
/// divisions. The runtime implements the same rules the way TensorFlow Lite does
/// (nudges, masks, shifts); tests require the two to agree bit for bit.
enum Int8Arithmetic {
  /// `a / b` rounded toward −∞. Precondition: `b > 0`.
  static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return a % b != 0 && a < 0 ? q - 1 : q
  }

  /// `n / d` rounded to nearest, ties away from zero. Precondition: `d > 0`.
  static func roundHalfAway(_ n: Int64, _ d: Int64) -> Int64 {
    let magnitude = (n.magnitude + UInt64(d) / 2) / UInt64(d)
    return n < 0 ? -Int64(magnitude) : Int64(magnitude)
  }

  static func saturate(_ x: Int64) -> Int64 { min(max(x, Int64(Int32.min)), Int64(Int32.max)) }

  /// The spec's requantization of `x` by `(multiplier, shift)`:
  /// 1. `x · 2^max(shift, 0)`, saturated to int32;
  /// 2. `floor((that · multiplier + 2^30) / 2^31)` (nearest, ties toward +∞), saturated to int32;
  /// 3. divided by `2^max(−shift, 0)`, nearest, ties away from zero.
  static func requantize(_ x: Int32, _ m: FixedPointMultiplier) -> Int32 {
    let left = max(Int64(m.shift), 0), right = max(-Int64(m.shift), 0)
    let shifted = saturate(Int64(x) * (Int64(1) << left))
    let high = saturate(floorDivide(shifted * Int64(m.multiplier) + (1 << 30), 1 << 31))
    return Int32(roundHalfAway(high, Int64(1) << right))
  }

  /// Wraps a mathematically exact sum to int32, as the spec's accumulators do.
  static func wrap(_ x: Int64) -> Int32 { Int32(truncatingIfNeeded: x) }

  /// `x` clamped to `low...high` as int8.
  static func clamp(_ x: Int64, _ low: Int32, _ high: Int32) -> Int8 {
    Int8(min(max(x, Int64(low)), Int64(high)))
  }

  /// `clamp(round(x / scale) + zeroPoint, -128, 127)` with the quotient in float32,
  /// ties away from zero; NaN gives the zero point.
  static func quantize(_ x: Float, _ p: QuantizationParameters) -> Int8 {
    let quotient = (x / p.scale).rounded(.toNearestOrAwayFromZero)
    let r = quotient.isNaN ? 0 : min(max(Double(quotient), -256), 256)
    return clamp(Int64(r) + Int64(p.zeroPoint), -128, 127)
  }
}
