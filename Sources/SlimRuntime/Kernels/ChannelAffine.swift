/// `output[c] = act(input[c]·scale[c] + bias[c])` over each channel's plane: a
/// depthwise 1x1 convolution with stride 1 and no padding. That is what a
/// BatchNorm the packer cannot fold into a convolution becomes (pre-activation
/// ResNets: BN → ReLU → conv, where the ReLU sits between the BN and the next
/// convolution). The fast path beside the plain `Conv2D`, which makes three passes
/// over each plane (bias, multiply-add, activation) and measured 40 µs for a
/// 64x32x32 layer; this makes one vector pass, with a clamp activation (ReLU, ReLU6,
/// clip) in registers and any other while the plane is still in L1. Same arithmetic
/// as the plain kernel (`bias + x·scale`, not fused), so the results are equal.
///
/// Preconditions of every member: the pointers hold `channels·plane` floats
/// (`scale` and `bias` `channels`); `output` either equals `input` or overlaps it nowhere.
struct ChannelAffine {
  let channels: Int
  /// `H·W`.
  let plane: Int
  /// `W`: the plane's row length, by which threads split it (`run(channels:rows:)`).
  let width: Int
  let input: UnsafePointer<Float>
  let scale: UnsafePointer<Float>
  let bias: UnsafePointer<Float>?
  let output: UnsafeMutablePointer<Float>
  let activation: SlimActivation

  typealias Vector = SIMD8<Float>

  /// Whether `g` is such a convolution: one input channel per output channel, 1x1, stride 1, no padding.
  static func isEligible(_ g: Conv2D.Geometry) -> Bool {
    NarrowFloatDepthwiseConv2D.isEligible(g) && g.kernelHeight == 1 && g.kernelWidth == 1
      && g.strideH == 1 && g.strideW == 1 && g.padTop == 0 && g.padLeft == 0 && g.outHeight == g.inHeight
      && g.outWidth == g.inWidth
  }

  /// Rows of each plane: `plane / width`.
  var height: Int { plane / width }

  /// Computes `channels` (a sub-range of `0..<self.channels`), whole planes.
  /// Cost: O(|channels|·plane).
  func run(channels: Range<Int>) { run(channels: channels, rows: 0..<height) }

  /// Computes rows `rows` (a sub-range of `0..<height`) of `channels` (a sub-range of
  /// `0..<self.channels`); disjoint ranges write disjoint outputs, so threads may run
  /// them concurrently. Cost: O(|channels|·|rows|·width).
  func run(channels: Range<Int>, rows: Range<Int>) {
    let lanes = Vector.scalarCount
    let clamp = Activation.clampBounds(activation)
    let bounds = clamp ?? (-.infinity, .infinity)
    let first = rows.lowerBound * width, count = rows.count * width
    for channel in channels {
      let x = input + channel * plane + first
      let y = output + channel * plane + first
      let w = scale[channel], b = bias?[channel] ?? 0
      let wv = Vector(repeating: w), bv = Vector(repeating: b)
      var i = 0
      while i &+ lanes <= count {
        let v = UnsafeRawPointer(x + i).loadUnaligned(as: Vector.self)
        UnsafeMutableRawPointer(y + i).storeBytes(of: Activation.clamp(bv + v * wv, bounds), as: Vector.self)
        i &+= lanes
      }
      while i < count {
        y[i] = Activation.clamp(b + x[i] * w, bounds.lower, bounds.upper)
        i &+= 1
      }
      if clamp == nil { Activation.apply(activation, inPlace: y, count: count) }
    }
  }
}
