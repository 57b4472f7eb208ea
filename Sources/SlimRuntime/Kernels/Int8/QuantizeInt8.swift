/// The float/int8 boundary: `q = clamp(round(x / scale) + zeroPoint)` and
/// `x = (q − zeroPoint) · scale`, in float32, ties away from zero. These are the
/// only int8-path operators that use floating point (the graph's input and output
/// are float32).
enum QuantizeInt8 {
  /// Quantizes one value. NaN maps to the zero point; ±∞ saturate.
  @inline(__always)
  static func quantize(_ x: Float, scale: Float, zeroPoint: Int32) -> Int8 {
    var r = (x / scale).rounded(.toNearestOrAwayFromZero)
    if r.isNaN { r = 0 }
    // Clamping before the conversion keeps Int32(r) from trapping.
    r = r < -256 ? -256 : (r > 256 ? 256 : r)
    return Requantization.clampToInt8(Int32(r) &+ zeroPoint, -128, 127)
  }

  /// Preconditions: `input` holds `count` floats, `output` `count` int8.
  static func quantize(
    count: Int, scale: Float, zeroPoint: Int32, input: UnsafePointer<Float>, output: UnsafeMutableRawPointer
  ) {
    for i in 0..<count {
      output.storeBytes(of: quantize(input[i], scale: scale, zeroPoint: zeroPoint), toByteOffset: i, as: Int8.self)
    }
  }

  /// Preconditions: `input` holds `count` int8, `output` `count` floats.
  static func dequantize(
    count: Int, scale: Float, zeroPoint: Int32, input: UnsafeRawPointer, output: UnsafeMutablePointer<Float>
  ) {
    for i in 0..<count {
      output[i] = Float(Int32(input.load(fromByteOffset: i, as: Int8.self)) - zeroPoint) * scale
    }
  }
}
