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

  /// Sixteen lanes of `quantize(_:scale:zeroPoint:)`, bit for bit: the same division,
  /// and the rounding away from zero built from a truncation (which vector units
  /// have) and the exact fraction it leaves. Cost: O(1).
  @inline(__always)
  static func quantize(_ x: SIMD16<Float>, scale: Float, zeroPoint: Int32) -> SIMD16<Int8> {
    let r = x / scale
    let truncated = r.rounded(.towardZero)
    // Exact: r and its truncation have the same sign and differ by less than 1.
    let fraction = r - truncated
    let step = SIMD16<Float>().replacing(with: 1, where: fraction .>= 0.5).replacing(with: -1, where: fraction .<= -0.5)
    var rounded = truncated + step
    // NaN lanes (the only ones unequal to themselves) become 0, then ±256 bounds every lane.
    rounded = rounded.replacing(with: 0, where: rounded .!= rounded)
    rounded = rounded.replacing(with: -256, where: rounded .< -256).replacing(with: 256, where: rounded .> 256)
    // The integers in -256...256 to Int32 lanes: 1.5·2^23 added puts each in the low
    // bits of the mantissa, exactly. `Int32(_:)` lane by lane was one checked
    // scalar conversion per value.
    let magic: Float = 12_582_912
    let shifted =
      unsafeBitCast(rounded + magic, to: SIMD16<Int32>.self) &- Int32(bitPattern: magic.bitPattern) &+ zeroPoint
    return shifted.clampedToInt8(SIMD16(repeating: -128), SIMD16(repeating: 127))
  }

  /// Preconditions: `input` holds `count` floats, `output` `count` int8.
  /// Cost: O(count); 16 at a time on 64-bit targets (MobileNetV2's 224x224 input
  /// took 0.47 ms one by one, its rounding a library call per value).
  static func quantize(
    count: Int, scale: Float, zeroPoint: Int32, input: UnsafePointer<Float>, output: UnsafeMutableRawPointer
  ) {
    var i = 0
    #if !_pointerBitWidth(_32)
      while i &+ 16 <= count {
        let x = UnsafeRawPointer(input + i).loadUnaligned(as: SIMD16<Float>.self)
        output.storeBytes(of: quantize(x, scale: scale, zeroPoint: zeroPoint), toByteOffset: i, as: SIMD16<Int8>.self)
        i &+= 16
      }
    #endif
    while i < count {
      output.storeBytes(of: quantize(input[i], scale: scale, zeroPoint: zeroPoint), toByteOffset: i, as: Int8.self)
      i &+= 1
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
