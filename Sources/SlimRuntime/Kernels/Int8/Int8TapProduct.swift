/// The multiply-adds of the blocked int8 general kernel, one conformer per
/// `BlockedConv2DInt8.Packing` and lane width, so that the kernel is written once and
/// specialized for each (a generic parameter, never an existential): a tap's weight
/// vector (channels in lanes) times a broadcast input word.
protocol Int8TapProduct {
  /// The accumulators: one lane per output channel.
  associatedtype Vector: SIMD where Vector.Scalar == Int32
  /// One tap's weights for the `Vector`'s channels, ready to multiply.
  associatedtype Weights
  /// Bytes of one tap's packed weights in one 8-lane layout block.
  static var weightBytes: Int { get }
  /// Loads one tap's packed weights from `pointer` (any alignment); a 16-lane vector
  /// takes its upper 8 channels from the next layout block, `blockBytes` on.
  static func weights(at pointer: UnsafeRawPointer, blockBytes: Int) -> Weights
  /// `sums` plus the products of `weights` and one pixel's input word.
  static func accumulate(_ sums: Vector, _ weights: Weights, _ word: Int32) -> Vector
}

/// The multiply-adds of the int8 pointwise kernel: a vector of pixels' input words
/// (`BlockedConv2DInt8.PointVector`) times a broadcast weight word.
protocol Int8PointProduct {
  /// Bytes of one input word's packed weights in one 8-lane layout block.
  static var weightBytes: Int { get }
  /// The weight words of 4 adjacent channels at `pointer` (`[4][channelsPerWord]`
  /// bytes).
  static func channelWords(at pointer: UnsafeRawPointer) -> SIMD4<Int32>
  /// `sums` plus the products of a vector of pixels' input words and one channel's weight word.
  static func accumulate(
    _ sums: BlockedConv2DInt8.PointVector, pixels: BlockedConv2DInt8.PointVector, weight: Int32
  ) -> BlockedConv2DInt8.PointVector
}

/// `pairs`: 8 channels × 2 inputs, widened to 16 bits once per tap; `vpdpwssd`.
enum PairProduct: Int8TapProduct, Int8PointProduct {
  static var weightBytes: Int { 16 }

  @inline(__always)
  static func weights(at pointer: UnsafeRawPointer, blockBytes: Int) -> SIMD16<Int16> {
    pointer.loadUnaligned(as: SIMD16<Int8>.self).widened
  }

  @inline(__always)
  static func accumulate(_ sums: SIMD8<Int32>, _ weights: SIMD16<Int16>, _ word: Int32) -> SIMD8<Int32> {
    sums &+ pairwiseDot(weights, SIMD8<Int32>(repeating: word).halves)
  }

  /// The 4 channels' pairs widened to 16-bit halves.
  @inline(__always)
  static func channelWords(at pointer: UnsafeRawPointer) -> SIMD4<Int32> {
    pointer.loadUnaligned(as: SIMD8<Int8>.self).widenedPairs
  }

  @inline(__always)
  static func accumulate(
    _ sums: BlockedConv2DInt8.PointVector, pixels: BlockedConv2DInt8.PointVector, weight: Int32
  ) -> BlockedConv2DInt8.PointVector {
    #if SLIM_AVX512
      sums.addingPairwiseDot(pixels, .init(repeating: weight))
    #else
      sums &+ pairwiseDot(pixels.halves, SIMD8<Int32>(repeating: weight).halves)
    #endif
  }
}

/// `quads`: 8 channels × 4 inputs as bytes, used as loaded; `vpdpbusd`.
enum QuadProduct: Int8TapProduct, Int8PointProduct {
  static var weightBytes: Int { 32 }

  @inline(__always)
  static func weights(at pointer: UnsafeRawPointer, blockBytes: Int) -> SIMD8<Int32> {
    pointer.loadUnaligned(as: SIMD8<Int32>.self)
  }

  @inline(__always)
  static func accumulate(_ sums: SIMD8<Int32>, _ weights: SIMD8<Int32>, _ word: Int32) -> SIMD8<Int32> {
    sums.addingByteDot(unsigned: SIMD8<Int32>(repeating: word), signed: weights)
  }

  @inline(__always)
  static func channelWords(at pointer: UnsafeRawPointer) -> SIMD4<Int32> {
    pointer.loadUnaligned(as: SIMD4<Int32>.self)
  }

  @inline(__always)
  static func accumulate(
    _ sums: BlockedConv2DInt8.PointVector, pixels: BlockedConv2DInt8.PointVector, weight: Int32
  ) -> BlockedConv2DInt8.PointVector {
    sums.addingByteDot(unsigned: pixels, signed: .init(repeating: weight))
  }
}

/// `quads` in 16 lanes: two adjacent layout blocks' taps as one vector, one 512-bit
/// `vpdpbusd` per pixel with `SLIM_VNNI` (`BlockedConv2DInt8.runWide`); two 8-lane
/// byte dots elsewhere.
enum WideQuadProduct: Int8TapProduct {
  static var weightBytes: Int { 32 }

  @inline(__always)
  static func weights(at pointer: UnsafeRawPointer, blockBytes: Int) -> SIMD16<Int32> {
    SIMD16(
      lowHalf: pointer.loadUnaligned(as: SIMD8<Int32>.self),
      highHalf: pointer.loadUnaligned(fromByteOffset: blockBytes, as: SIMD8<Int32>.self))
  }

  @inline(__always)
  static func accumulate(_ sums: SIMD16<Int32>, _ weights: SIMD16<Int32>, _ word: Int32) -> SIMD16<Int32> {
    sums.addingByteDot(unsigned: SIMD16<Int32>(repeating: word), signed: weights)
  }
}

/// `quads` in 32 lanes: four adjacent layout blocks' taps as two 16-lane vectors,
/// each pixel's broadcast input word used by both (`BlockedConv2DInt8.runWide`).
enum QuadProduct32: Int8TapProduct {
  static var weightBytes: Int { 32 }

  @inline(__always)
  static func weights(at pointer: UnsafeRawPointer, blockBytes: Int) -> SIMD32<Int32> {
    SIMD32(
      lowHalf: WideQuadProduct.weights(at: pointer, blockBytes: blockBytes),
      highHalf: WideQuadProduct.weights(at: pointer + 2 * blockBytes, blockBytes: blockBytes))
  }

  @inline(__always)
  static func accumulate(_ sums: SIMD32<Int32>, _ weights: SIMD32<Int32>, _ word: Int32) -> SIMD32<Int32> {
    let broadcast = SIMD16<Int32>(repeating: word)
    return SIMD32(
      lowHalf: sums.lowHalf.addingByteDot(unsigned: broadcast, signed: weights.lowHalf),
      highHalf: sums.highHalf.addingByteDot(unsigned: broadcast, signed: weights.highHalf))
  }
}
