/// A positive real factor as the runtime's `(multiplier, shift)` pair (see
/// "Requantization" in `Formats/slim-v1.md`): `real ≈ multiplier · 2^shift / 2^31`
/// with `multiplier` in `[2^30, 2^31)`, computed offline in `Double` (TensorFlow
/// Lite's `QuantizeMultiplier`).
public struct FixedPointMultiplier: Sendable, Equatable {
  public var multiplier: Int32
  public var shift: Int32

  public init(multiplier: Int32, shift: Int32) {
    self.multiplier = multiplier
    self.shift = shift
  }

  /// Precondition: `real >= 0` and finite. Factors too small for the format
  /// (below 2^-32) become 0; factors of 2^30 and more saturate.
  public init(_ real: Double) {
    guard real > 0 else {
      self.init(multiplier: 0, shift: 0)
      return
    }
    var exponent = Int(real.exponent) + 1  // real = significand · 2^exponent, significand in [0.5, 1)
    var fixed = (real * Double(sign: .plus, exponent: 31 - exponent, significand: 1)).rounded(
      .toNearestOrAwayFromZero)
    if fixed == Double(1 << 31) {
      fixed /= 2
      exponent += 1
    }
    if exponent < -31 {
      self.init(multiplier: 0, shift: 0)
    } else if exponent > 30 {
      self.init(multiplier: .max, shift: 30)
    } else {
      self.init(multiplier: Int32(fixed), shift: Int32(exponent))
    }
  }

  /// The real factor the pair stands for.
  public var real: Double { Double(multiplier) * Double(sign: .plus, exponent: Int(shift) - 31, significand: 1) }
}
