/// What a `DepthwiseConv2D` reads its input, taps and bias from and how it writes
/// results: the part that differs between float32 and int8.
protocol DepthwiseEpilogue {
  associatedtype Lane: DepthwiseLane
  associatedtype Weights
  associatedtype Input
  /// Copies channel `channel`'s input rows within padded rows `rows` into `band`,
  /// whose padding `PaddedInput.clearBand` has zeroed (`PaddedInput.copyBand`), in
  /// the lane's scalar type.
  func copyBand(
    _ g: Conv2D.Geometry, channel: Int, rows: Range<Int>, from input: Input,
    into band: UnsafeMutablePointer<Lane.Scalar>)
  /// What the stores of one channel need (its output plane and, for int8, bias and
  /// rescale), prepared once per channel rather than once per store.
  associatedtype ChannelOutput
  /// The accumulator's start value for `channel`.
  func bias(_ channel: Int) -> Lane.Scalar
  /// Tap `index` of `weights` (`channel·kH·kW + tap`).
  func weight(_ weights: Weights, _ index: Int) -> Lane.Scalar
  /// Scalars of a part's scratch that hold one channel's sums until `finish` (0 when
  /// stores write the output directly). O(1).
  static func sumsCount(_ g: Conv2D.Geometry) -> Int
  /// Channel `channel`'s stores' context; `sums` is the part's `sumsCount` scalars.
  func output(of channel: Int, sums: UnsafeMutablePointer<Lane.Scalar>) -> ChannelOutput
  /// Writes `Lane.scalarCount` results of the channel from plane position `index` on.
  /// With `sumsCount` > 0, `index` may be any position of the plane: the vector may
  /// reach past the plane's end.
  func store(_ sums: Lane, _ output: ChannelOutput, at index: Int)
  /// Writes one result of the channel at plane position `index`.
  func store(_ sum: Lane.Scalar, _ output: ChannelOutput, at index: Int)
  /// Called once `count` outputs of the channel from plane position `index` on are written.
  func finish(_ output: ChannelOutput, from index: Int, count: Int)
}

/// Float32: bias, then the fused activation: a clamp (none, ReLU, ReLU6, clip) in
/// registers as results are stored, any other activation over the finished plane.
struct FloatDepthwiseEpilogue<Lane: DepthwiseLane>: DepthwiseEpilogue where Lane.Scalar == Float {
  let biases: UnsafePointer<Float>?
  let output: UnsafeMutablePointer<Float>
  /// `outH·outW`.
  let outPlane: Int
  let activation: SlimActivation
  /// The clamp applied on store: the activation's bounds, or (−∞, ∞) when `finish` applies it.
  private let bounds: (lower: Float, upper: Float)
  /// Whether `finish` applies the activation (it is not a clamp).
  private let finishesActivation: Bool

  init(biases: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, outPlane: Int, activation: SlimActivation) {
    self.biases = biases
    self.output = output
    self.outPlane = outPlane
    self.activation = activation
    let clamp = Activation.clampBounds(activation)
    bounds = clamp ?? (-.infinity, .infinity)
    finishesActivation = clamp == nil
  }

  @inline(__always) func copyBand(
    _ g: Conv2D.Geometry, channel: Int, rows: Range<Int>, from input: UnsafePointer<Float>,
    into band: UnsafeMutablePointer<Float>
  ) {
    PaddedInput.copyBand(g, channel: channel, rows: rows, from: input, into: band)
  }
  @inline(__always) func bias(_ channel: Int) -> Float { biases?[channel] ?? 0 }
  @inline(__always) func weight(_ weights: UnsafePointer<Float>, _ index: Int) -> Float { weights[index] }
  static func sumsCount(_ g: Conv2D.Geometry) -> Int { 0 }
  @inline(__always) func output(of channel: Int, sums: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
    output + channel * outPlane
  }
  @inline(__always) func store(_ sums: Lane, _ plane: UnsafeMutablePointer<Float>, at index: Int) {
    UnsafeMutableRawPointer(plane + index).storeBytes(of: Activation.clamp(sums, bounds), as: Lane.self)
  }
  @inline(__always) func store(_ sum: Float, _ plane: UnsafeMutablePointer<Float>, at index: Int) {
    plane[index] = Activation.clamp(sum, bounds.lower, bounds.upper)
  }
  @inline(__always) func finish(_ plane: UnsafeMutablePointer<Float>, from index: Int, count: Int) {
    guard finishesActivation else { return }
    Activation.apply(activation, inPlace: plane + index, count: count)
  }
}
