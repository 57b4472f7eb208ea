/// The multiply-adds of the blocked int8 micro-kernels, one conformer per
/// `BlockedConv2DInt8.Packing`, so that each kernel is written once and specialized
/// for each (a generic parameter, never an existential). The general kernel
/// multiplies a tap's weight vector (channels in lanes) by a broadcast input word;
/// the pointwise kernel a vector of 8 pixels' input words by a broadcast weight word.
protocol Int8TapProduct {
  /// One tap's weights for the block's `lanes` output channels, ready to multiply.
  associatedtype Weights
  /// Bytes of one tap's packed weights.
  static var weightBytes: Int { get }
  /// Loads one tap's packed weights from `pointer` (`weightBytes` bytes, any alignment).
  static func weights(at pointer: UnsafeRawPointer) -> Weights
  /// `sums` plus the products of `weights` and one pixel's input word.
  static func accumulate(_ sums: SIMD8<Int32>, _ weights: Weights, _ word: Int32) -> SIMD8<Int32>
  /// The weight words of 4 adjacent channels at `pointer` (`[4][channelsPerWord]`
  /// bytes), for the pointwise kernel.
  static func channelWords(at pointer: UnsafeRawPointer) -> SIMD4<Int32>
  /// `sums` plus the products of 8 pixels' input words and one channel's weight word.
  static func accumulate(_ sums: SIMD8<Int32>, pixels: SIMD8<Int32>, weight: Int32) -> SIMD8<Int32>
}

/// `pairs`: 8 channels × 2 inputs, widened to 16 bits once per tap; `vpdpwssd`.
enum PairProduct: Int8TapProduct {
  static var weightBytes: Int { 16 }

  @inline(__always)
  static func weights(at pointer: UnsafeRawPointer) -> SIMD16<Int16> {
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
  static func accumulate(_ sums: SIMD8<Int32>, pixels: SIMD8<Int32>, weight: Int32) -> SIMD8<Int32> {
    sums &+ pairwiseDot(pixels.halves, SIMD8<Int32>(repeating: weight).halves)
  }
}

/// `quads`: 8 channels × 4 inputs as bytes, used as loaded; `vpdpbusd`.
enum QuadProduct: Int8TapProduct {
  static var weightBytes: Int { 32 }

  @inline(__always)
  static func weights(at pointer: UnsafeRawPointer) -> SIMD8<Int32> { pointer.loadUnaligned(as: SIMD8<Int32>.self) }

  @inline(__always)
  static func accumulate(_ sums: SIMD8<Int32>, _ weights: SIMD8<Int32>, _ word: Int32) -> SIMD8<Int32> {
    sums.addingByteDot(unsigned: SIMD8<Int32>(repeating: word), signed: weights)
  }

  @inline(__always)
  static func channelWords(at pointer: UnsafeRawPointer) -> SIMD4<Int32> {
    pointer.loadUnaligned(as: SIMD4<Int32>.self)
  }

  @inline(__always)
  static func accumulate(_ sums: SIMD8<Int32>, pixels: SIMD8<Int32>, weight: Int32) -> SIMD8<Int32> {
    sums.addingByteDot(unsigned: pixels, signed: SIMD8<Int32>(repeating: weight))
  }
}
