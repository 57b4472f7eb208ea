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
  /// `Tools/bench/depthwise.swift`, three runs, 8 → 16 lanes, µs: 32 channels at
  /// 112x112 751–938 → 339–496; 144 at 56x56 773–1,035 → 405–641; 96 at 112x112
  /// stride 2 772–914 → 580–662; 192 at 28x28 350–418 → 166–245; 384 at 14x14
  /// 186–261 → 144–225; 576 at 14x14 stride 2, 7 columns, 148–205 → 176–269; 960 at
  /// 7x7 182–288 → 202–314). O(1).
  static func prefersWideLanes(_ g: Conv2D.Geometry) -> Bool {
    #if SLIM_AVX512
      return g.outWidth > 8
    #else
      return false
    #endif
  }
}
