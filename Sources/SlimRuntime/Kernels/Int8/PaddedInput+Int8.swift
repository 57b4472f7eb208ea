// In the Int8 folder with `SIMD+ExactFloat.swift`, which it uses; the firmware's
// allocation check compiles the top-level kernels without them.
extension PaddedInput {
  /// Int8 input, channel `channel` alone: each value less `zeroPoint`, as `Float`
  /// (exactly: it lies in −255...255), so that padding (0) adds nothing.
  static func copyBand(
    _ g: Conv2D.Geometry, channel: Int, rows: Range<Int>, from input: UnsafeRawPointer, zeroPoint: Int32,
    into band: UnsafeMutablePointer<Float>
  ) {
    copyBand(g, extent: BlockedConv2D.paddedExtent(g), channel: channel, rows: rows, into: band) {
      offset, destination, count in
      copyShifted(input + offset, into: destination, count: count, zeroPoint: zeroPoint)
    }
  }

  /// `count` int8 values from `source`, each minus `zeroPoint`, as `Float` into `destination`.
  @inline(__always)
  private static func copyShifted(
    _ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int, zeroPoint: Int32
  ) {
    // Sixteen, then eight values at a time: the scalar loop was not vectorized and was 17%
    // of int8 MobileNetV2; eight at a time, with `stride`'s overflow checks, still 15% of
    // its depthwise layers (Intel Xeon).
    var i = 0
    while i &+ 16 <= count {
      let values = source.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self).widenedToInt32
      UnsafeMutableRawPointer(destination + i).storeBytes(
        of: (values &- SIMD16(repeating: zeroPoint)).exactFloats, as: SIMD16<Float>.self)
      i &+= 16
    }
    if i &+ 8 <= count {
      let values = source.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened
      UnsafeMutableRawPointer(destination + i).storeBytes(
        of: (values &- SIMD8(repeating: zeroPoint)).exactFloats, as: SIMD8<Float>.self)
      i &+= 8
    }
    let whole = i
    for i in whole..<count {
      destination[i] = Float(Int32(source.load(fromByteOffset: i, as: Int8.self)) &- zeroPoint)
    }
  }
}
