/// Int8: int32 bias, then per-channel requantization of every result (raw
/// pointers, as the int8 kernels read `WGHT` and the arena), in lanes of `Lane`.
struct Int8DepthwiseEpilogue<Lane: Int8DepthwiseLane>: DepthwiseEpilogue {
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
  @inline(__always) func rescale(_ channel: Int) -> Rescale {
    Rescale(
      multiplier: multiplier.load(fromByteOffset: channel * 4, as: Int32.self),
      shift: shift.load(fromByteOffset: channel * 4, as: Int32.self))
  }
  @inline(__always) func store(_ sums: Lane, channel: Int, at index: Int) {
    Lane.storeRequantized(sums, stage, rescale(channel), at: output + channel * outPlane + index)
  }
  @inline(__always) func store(_ sum: Int32, channel: Int, at index: Int) {
    let r = rescale(channel)
    output.storeBytes(
      of: stage.finish(sum, multiplier: r.multiplier, shift: r.shift), toByteOffset: channel * outPlane + index,
      as: Int8.self)
  }
  @inline(__always) func finish(_ channel: Int, from index: Int, count: Int) {}
}

/// The `Int32` vectors an int8 depthwise row is computed in, with their
/// requantization: every lane of a store is one channel's, so all share one rescale.
protocol Int8DepthwiseLane: DepthwiseLane where Scalar == Int32 {
  /// Writes `scalarCount` bytes at `destination`: `stage.finish` of each lane of
  /// `sums` with `rescale`, bit for bit as the scalar form.
  static func storeRequantized(
    _ sums: Self, _ stage: Int8OutputStage, _ rescale: Rescale, at destination: UnsafeMutableRawPointer)
}

/// Eight lanes, in every build: the per-lane vector requantization with the
/// channel's multiplier and shift in every lane.
extension SIMD8: Int8DepthwiseLane where Scalar == Int32 {
  @inline(__always)
  static func storeRequantized(
    _ sums: Self, _ stage: Int8OutputStage, _ rescale: Rescale, at destination: UnsafeMutableRawPointer
  ) {
    let values = stage.finish(
      sums, multiplier: Self(repeating: rescale.multiplier), shift: Self(repeating: rescale.shift))
    destination.storeBytes(of: values, as: SIMD8<Int8>.self)
  }
}

/// Sixteen lanes: on 64-bit targets `UniformRescale`, which does about half the
/// per-lane work of the per-lane form; elsewhere as two 8-lane halves.
extension SIMD16: Int8DepthwiseLane where Scalar == Int32 {
  @inline(__always)
  static func storeRequantized(
    _ sums: Self, _ stage: Int8OutputStage, _ rescale: Rescale, at destination: UnsafeMutableRawPointer
  ) {
    #if !_pointerBitWidth(_32)
      destination.storeBytes(of: stage.finish(sums, UniformRescale(rescale)), as: SIMD16<Int8>.self)
    #else
      SIMD8.storeRequantized(sums.lowHalf, stage, rescale, at: destination)
      SIMD8.storeRequantized(sums.highHalf, stage, rescale, at: destination + 8)
    #endif
  }
}
