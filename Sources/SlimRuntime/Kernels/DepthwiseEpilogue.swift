/// What a `DepthwiseConv2D` reads its taps and bias from and how it writes
/// results: the part that differs between float32 and int8.
protocol DepthwiseEpilogue {
  associatedtype Lane: DepthwiseLane
  associatedtype Weights
  /// The accumulator's start value for `channel`.
  func bias(_ channel: Int) -> Lane.Scalar
  /// Tap `index` of `weights` (`channel·kH·kW + tap`).
  func weight(_ weights: Weights, _ index: Int) -> Lane.Scalar
  /// Writes `Lane.scalarCount` results of `channel` from plane position `index` on.
  func store(_ sums: Lane, channel: Int, at index: Int)
  /// Writes one result of `channel` at plane position `index`.
  func store(_ sum: Lane.Scalar, channel: Int, at index: Int)
  /// Called once `count` outputs of `channel` from plane position `index` on are written.
  func finish(_ channel: Int, from index: Int, count: Int)
}

/// Float32: bias, then the fused activation over the finished plane.
struct FloatDepthwiseEpilogue: DepthwiseEpilogue {
  typealias Lane = SIMD8<Float>
  let biases: UnsafePointer<Float>?
  let output: UnsafeMutablePointer<Float>
  /// `outH·outW`.
  let outPlane: Int
  let activation: SlimActivation

  @inline(__always) func bias(_ channel: Int) -> Float { biases?[channel] ?? 0 }
  @inline(__always) func weight(_ weights: UnsafePointer<Float>, _ index: Int) -> Float { weights[index] }
  @inline(__always) func store(_ sums: Lane, channel: Int, at index: Int) {
    UnsafeMutableRawPointer(output + channel * outPlane + index).storeBytes(of: sums, as: Lane.self)
  }
  @inline(__always) func store(_ sum: Float, channel: Int, at index: Int) { output[channel * outPlane + index] = sum }
  @inline(__always) func finish(_ channel: Int, from index: Int, count: Int) {
    Activation.apply(activation, inPlace: output + channel * outPlane + index, count: count)
  }
}
