/// Depthwise convolution (one input channel per output channel): the fast path
/// for the layers `BlockedConv2D` leaves out, float32 and int8 from one loop.
///
/// Each channel's plane is read from a zero-padded scratch copy (for int8,
/// already shifted by the input zero point; see `DepthwiseInput`), so the
/// inner loop has no bounds checks. Vectors run along an output row:
/// `Lane.scalarCount` adjacent output columns at once, the kernel taps held as
/// scalars; the row's tail is computed one column at a time with the same
/// arithmetic. Taps are summed in the plain `Conv2D`'s order, so the float result
/// differs from it only by fused multiply-add rounding in native builds; the int8
/// result is bit-exact.
///
/// Preconditions of every member: the geometry is depthwise (`isEligible`), the
/// pointers hold the counts it implies, and the output overlaps no input.
struct DepthwiseConv2D<Lane: DepthwiseLane, Epilogue: DepthwiseEpilogue> where Epilogue.Lane == Lane {
  let geometry: Conv2D.Geometry
  /// The padded input copy (`paddedCount` scalars), filled by `PaddedInput` before `run`.
  let padded: UnsafeMutablePointer<Lane.Scalar>
  /// `outChannels·kH·kW` taps, as stored in the model.
  let weights: Epilogue.Weights
  let epilogue: Epilogue

  /// One input channel per group and one output per group (channel multiplier 1).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool {
    g.groups > 1 && g.groups == g.inChannels && g.groups == g.outChannels
  }

  /// Scalars of the padded input copy. O(1).
  static func paddedCount(_ g: Conv2D.Geometry) -> Int {
    let extent = BlockedConv2D.paddedExtent(g)
    return g.inChannels * extent.height * extent.width
  }

  /// Computes output channels `channels` (a sub-range of `0..<outChannels`);
  /// disjoint ranges write disjoint outputs, so threads may run them concurrently.
  /// Cost: O(|channels|·kH·kW·outH·outW).
  func run(channels: Range<Int>) {
    let g = geometry
    let extent = BlockedConv2D.paddedExtent(g)
    let plane = extent.height * extent.width
    let taps = g.kernelHeight * g.kernelWidth
    let width = Lane.scalarCount
    let whole = g.outWidth - g.outWidth % width
    for channel in channels {
      let source = UnsafePointer(padded) + channel * plane
      let start = epilogue.bias(channel)
      for oh in 0..<g.outHeight {
        let rowBase = source + oh * g.strideH * extent.width
        let outRow = oh * g.outWidth
        var ow = 0
        while ow < whole {
          var sum = Lane(repeating: start)
          var tap = channel * taps
          for kh in 0..<g.kernelHeight {
            let row = rowBase + kh * g.dilationH * extent.width + ow * g.strideW
            for kw in 0..<g.kernelWidth {
              sum.multiplyAdd(Lane.load(row + kw * g.dilationW, stride: g.strideW), epilogue.weight(weights, tap))
              tap += 1
            }
          }
          epilogue.store(sum, channel: channel, at: outRow + ow)
          ow += width
        }
        while ow < g.outWidth {
          var sum = start
          var tap = channel * taps
          for kh in 0..<g.kernelHeight {
            let row = rowBase + kh * g.dilationH * extent.width + ow * g.strideW
            for kw in 0..<g.kernelWidth {
              Lane.multiplyAdd(&sum, row[kw * g.dilationW], epilogue.weight(weights, tap))
              tap += 1
            }
          }
          epilogue.store(sum, channel: channel, at: outRow + ow)
          ow += 1
        }
      }
      epilogue.finishChannel(channel, count: g.outHeight * g.outWidth)
    }
  }
}

/// The vector a depthwise row is computed in: float32 or wrapping `Int32`.
protocol DepthwiseLane: SIMD {
  /// `self += x · w` lane-wise.
  mutating func multiplyAdd(_ x: Self, _ w: Scalar)
  /// `sum += x · w` for one scalar (the row's tail), with the same arithmetic.
  static func multiplyAdd(_ sum: inout Scalar, _ x: Scalar, _ w: Scalar)
  /// `scalarCount` values `stride` apart starting at `pointer`.
  static func load(_ pointer: UnsafePointer<Scalar>, stride: Int) -> Self
}

extension DepthwiseLane {
  @inline(__always)
  static func load(_ pointer: UnsafePointer<Scalar>, stride: Int) -> Self {
    if stride == 1 { return UnsafeRawPointer(pointer).loadUnaligned(as: Self.self) }
    var result = Self()
    for lane in 0..<scalarCount { result[lane] = pointer[lane * stride] }
    return result
  }
}

extension SIMD8: DepthwiseLane where Scalar: DepthwiseScalar {
  @inline(__always)
  mutating func multiplyAdd(_ x: Self, _ w: Scalar) { self = Scalar.multiplyAdd(self, x, w) }
  @inline(__always)
  static func multiplyAdd(_ sum: inout Scalar, _ x: Scalar, _ w: Scalar) { sum = Scalar.multiplyAdd(sum, x, w) }
}

/// Scalars a depthwise row may hold, with their multiply-add.
protocol DepthwiseScalar: SIMDScalar, Hashable {
  static func multiplyAdd(_ sum: SIMD8<Self>, _ x: SIMD8<Self>, _ w: Self) -> SIMD8<Self>
  static func multiplyAdd(_ sum: Self, _ x: Self, _ w: Self) -> Self
}

extension Float: DepthwiseScalar {
  @inline(__always)
  static func multiplyAdd(_ sum: SIMD8<Float>, _ x: SIMD8<Float>, _ w: Float) -> SIMD8<Float> {
    #if SLIM_FMA
      sum.addingProduct(x, SIMD8(repeating: w))
    #else
      sum + x * w
    #endif
  }
  @inline(__always)
  static func multiplyAdd(_ sum: Float, _ x: Float, _ w: Float) -> Float { sum + x * w }
}

extension Int32: DepthwiseScalar {
  @inline(__always)
  static func multiplyAdd(_ sum: SIMD8<Int32>, _ x: SIMD8<Int32>, _ w: Int32) -> SIMD8<Int32> { sum &+ x &* w }
  @inline(__always)
  static func multiplyAdd(_ sum: Int32, _ x: Int32, _ w: Int32) -> Int32 { sum &+ x &* w }
}
