/// Bit-level conversions from the 16-bit float formats to `Float`.
///
/// Written by hand rather than with `Float16` because `Float16` is not
/// available on every platform Swift targets (notably macOS on x86), and
/// bfloat16 has no standard library type at all.
enum ReducedFloat {
  /// IEEE 754 binary16 → binary32, exact for every input (including
  /// subnormals, ±0, ±inf and NaN payloads).
  static func float(fromHalfBits bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    let mantissa = UInt32(bits & 0x03FF)
    switch exponent {
    case 0:
      // Zero or subnormal: mantissa × 2^-24, exact in binary32.
      let magnitude = Float(mantissa) * 0x1p-24
      return sign == 0 ? magnitude : -magnitude
    case 0x1F:
      return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    default:
      // Re-bias the exponent from 15 to 127.
      return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }
  }

  /// bfloat16 is the top half of a binary32.
  static func float(fromBFloat16Bits bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }
}
