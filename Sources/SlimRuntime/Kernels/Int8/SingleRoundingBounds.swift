/// The format's bounds on the constants of the one-rounding int8 operators (format 1.7),
/// under which their 32-bit arithmetic is exact for every int8 input. The runtime's
/// validation rejects records outside them; `slim-pack` picks the largest shift inside.
public enum SingleRoundingBounds {
  /// `addInt8SingleRounding` (opcode 31): both multipliers non-negative, `1 ≤ shift ≤ 30`
  /// and `255·(aMultiplier + bMultiplier) + 2^(shift−1) < 2^31`, so that
  /// `Ma·(a − za) + Mb·(b − zb) + 2^(shift−1)` fits in int32 (`|a − za| ≤ 255`).
  public static func addIsExact(aMultiplier: Int32, bMultiplier: Int32, shift: Int32) -> Bool {
    guard aMultiplier >= 0, bMultiplier >= 0, (1...30).contains(shift) else { return false }
    return 255 * (Int64(aMultiplier) + Int64(bMultiplier)) + (Int64(1) << (shift - 1)) < Int64(1) << 31
  }

  /// `scaleShiftInt8` (opcode 32), one channel: `0 ≤ shift ≤ 30` and
  /// `128·|multiplier| + |offset| < 2^31`, so that `multiplier·x + offset` fits in int32.
  public static func scaleShiftIsExact(multiplier: Int32, offset: Int32, shift: Int32) -> Bool {
    guard (0...30).contains(shift) else { return false }
    return 128 * Int64(multiplier).magnitude + Int64(offset).magnitude < 1 << 31
  }
}
