/// The int8 depthwise kernel in lanes of `Lane` (`Float`, exactly: `Int8DepthwiseEpilogue`).
typealias Int8DepthwiseConv2D<Lane: Int8DepthwiseLane> = DepthwiseConv2D<Lane, Int8DepthwiseEpilogue<Lane>>

/// The int8 depthwise kernel of every build (and the one `BlockedConv2DInt8.isStored` defers to).
typealias NarrowInt8DepthwiseConv2D = Int8DepthwiseConv2D<SIMD8<Float>>

/// The 16-lane int8 depthwise kernel (`prefersWideLanes`).
typealias WideInt8DepthwiseConv2D = Int8DepthwiseConv2D<SIMD16<Float>>
