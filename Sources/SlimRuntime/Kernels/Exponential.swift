/// `e^x` in float32 from the standard library alone (SlimRuntime imports no libm, so
/// Embedded builds link no math library).
///
/// Cephes' `expf`: `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2` (Cody–Waite: `ln 2` split
/// into an exact high part and a low correction), a degree-7 polynomial for `e^r`,
/// then `2^n` applied as two exponent-field scalings so that results down to the
/// smallest subnormal come out without an intermediate overflow or underflow. Error
/// about 1 ulp for normal results.
enum Exponential {
  /// Preconditions: none. NaN gives NaN, `x > 88.73` gives +∞, `x < −103.98` gives 0.
  @inline(__always)
  static func exp(_ x: Float) -> Float {
    guard x <= 88.72283 else { return x.isNaN ? x : .infinity }
    guard x >= -103.97208 else { return 0 }
    let n = (x * 1.442_695_04).rounded(.toNearestOrEven)
    let r = (x - n * 0.693_359_375) - n * -2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_6e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_1e-1
    let er = p * (r * r) + r + 1
    // n is in −150...128, so each half is a normal power of two.
    let k = Int32(n)
    let half = k / 2
    return er * powerOfTwo(half) * powerOfTwo(k - half)
  }

  /// `2^k` for `−126 ≤ k ≤ 127`, built from the exponent field.
  @inline(__always)
  static func powerOfTwo(_ k: Int32) -> Float {
    Float(bitPattern: UInt32(k + 127) << 23)
  }
}
