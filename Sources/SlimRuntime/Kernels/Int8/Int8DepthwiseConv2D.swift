/// The int8 depthwise kernel in lanes of `Lane`.
typealias Int8DepthwiseConv2D<Lane: Int8DepthwiseLane> = DepthwiseConv2D<Lane, Int8DepthwiseEpilogue<Lane>>

/// The int8 depthwise kernel of every build (and the one `BlockedConv2DInt8.isStored` defers to).
typealias NarrowInt8DepthwiseConv2D = Int8DepthwiseConv2D<SIMD8<Int32>>

/// The 16-lane int8 depthwise kernel (`prefersWideLanes`).
typealias WideInt8DepthwiseConv2D = Int8DepthwiseConv2D<SIMD16<Int32>>

extension DepthwiseConv2D where Lane == SIMD16<Int32> {
  /// Whether sessions run int8 layer `g` in 16 lanes rather than 8: in `SLIM_AVX512`
  /// builds, for rows wider than 8 columns, as for float. A 16-lane store requantizes
  /// with one `UniformRescale` where 8 lanes take the per-lane form. Rows of 7 lose
  /// more to the unused lanes than that saves (MobileNetV2's layers on an Intel Xeon,
  /// the kernel alone, best of 15 × 20 runs, 8 → 16 lanes, µs: 32 channels at 112x112
  /// 1,331 → 634; 144 at 56x56 1,518 → 820; 192 at 28x28 598 → 308; 384 at 14x14
  /// 334 → 257; 576 at 14x14 stride 2 252 → 302; 960 at 7x7 314 → 363). O(1).
  static func prefersWideLanes(_ g: Conv2D.Geometry) -> Bool {
    #if SLIM_AVX512
      return g.outWidth > 8
    #else
      return false
    #endif
  }
}
