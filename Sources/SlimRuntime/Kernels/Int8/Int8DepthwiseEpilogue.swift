/// Int8: int32 bias, then per-channel requantization of every result (raw
/// pointers, as the int8 kernels read `WGHT` and the arena).
struct Int8DepthwiseEpilogue: DepthwiseEpilogue {
  typealias Lane = SIMD8<Int32>
  let stage: Int8OutputStage
  let biases: UnsafeRawPointer, multiplier: UnsafeRawPointer, shift: UnsafeRawPointer
  let output: UnsafeMutableRawPointer
  let outPlane: Int

  @inline(__always) func copyBand(
    _ g: Conv2D.Geometry, channel: Int, rows: Range<Int>, from input: UnsafeRawPointer,
    into band: UnsafeMutablePointer<Int32>
  ) {
    PaddedInput.copyBand(g, channel: channel, rows: rows, from: input, zeroPoint: stage.inputZeroPoint, into: band)
  }
  @inline(__always) func bias(_ channel: Int) -> Int32 { biases.load(fromByteOffset: channel * 4, as: Int32.self) }
  @inline(__always) func weight(_ weights: UnsafeRawPointer, _ index: Int) -> Int32 {
    Int32(weights.load(fromByteOffset: index, as: Int8.self))
  }
  @inline(__always) func store(_ sums: Lane, channel: Int, at index: Int) {
    let m = multiplier.load(fromByteOffset: channel * 4, as: Int32.self)
    let s = shift.load(fromByteOffset: channel * 4, as: Int32.self)
    let values = stage.finish(sums, multiplier: Lane(repeating: m), shift: Lane(repeating: s))
    (output + channel * outPlane + index).storeBytes(of: values, as: SIMD8<Int8>.self)
  }
  @inline(__always) func store(_ sum: Int32, channel: Int, at index: Int) {
    let m = multiplier.load(fromByteOffset: channel * 4, as: Int32.self)
    let s = shift.load(fromByteOffset: channel * 4, as: Int32.self)
    output.storeBytes(
      of: stage.finish(sum, multiplier: m, shift: s), toByteOffset: channel * outPlane + index, as: Int8.self)
  }
  @inline(__always) func finish(_ channel: Int, from index: Int, count: Int) {}
}
