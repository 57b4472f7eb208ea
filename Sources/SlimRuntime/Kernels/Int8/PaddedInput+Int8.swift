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

  /// `count` int8 values from `source`, each minus `zeroPoint`, as `Float` into
  /// `destination`, a vector at a time (`coverRow`).
  @inline(__always)
  private static func copyShifted(
    _ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int, zeroPoint: Int32
  ) {
    let target = UnsafeMutableRawPointer(destination)
    coverRow(count: count) { width, i in
      switch width {
      case 16:
        let values = source.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self).widenedToInt32
        target.storeBytes(
          of: (values &- SIMD16(repeating: zeroPoint)).exactFloats, toByteOffset: i &* 4, as: SIMD16<Float>.self)
      case 8:
        let values = source.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened
        target.storeBytes(
          of: (values &- SIMD8(repeating: zeroPoint)).exactFloats, toByteOffset: i &* 4, as: SIMD8<Float>.self)
      case 4:
        let values = source.loadUnaligned(fromByteOffset: i, as: SIMD4<Int8>.self).widened
        target.storeBytes(
          of: (values &- SIMD4(repeating: zeroPoint)).exactFloats, toByteOffset: i &* 4, as: SIMD4<Float>.self)
      default:
        destination[i] = Float(Int32(source.load(fromByteOffset: i, as: Int8.self)) &- zeroPoint)
      }
    }
  }
}
