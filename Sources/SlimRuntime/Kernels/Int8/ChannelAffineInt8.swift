/// `output[c] = finish(bias[c] + (input[c] − z)·scale[c])` over each channel's
/// plane: the int8 form of `ChannelAffine`, an int8 depthwise 1x1 convolution with
/// stride 1 and no padding (a pre-activation network's BatchNorm + ReLU). The fast
/// path beside the plain `Conv2DInt8`, which it matches bit for bit: the same
/// wrapping `Int32` sum, then the same requantization (`Int8OutputStage.finish`).
///
/// The general int8 depthwise kernel ran these layers through a padded band copy
/// and a tap loop with one tap, about 180 µs for PreResNet-164's 64x32x32 layers;
/// this is one vector pass over each plane.
///
/// Preconditions of every member: the pointers hold `channels·plane` int8 values
/// (`scale` `channels` int8, `bias`, `multiplier` and `shift` `channels` `Int32`);
/// `output` either equals `input` or overlaps it nowhere.
struct ChannelAffineInt8 {
  let channels: Int
  /// `H·W`.
  let plane: Int
  let stage: Int8OutputStage
  let input: UnsafeRawPointer
  /// int8, one per channel (the convolution's weights).
  let scale: UnsafeRawPointer
  /// `Int32` bias, multiplier and shift, one per channel (raw: they live in `WGHT`).
  let bias: UnsafeRawPointer
  let multiplier: UnsafeRawPointer
  let shift: UnsafeRawPointer
  let output: UnsafeMutableRawPointer

  /// Whether `g` is such a convolution (the float kernel's rule).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool { ChannelAffine.isEligible(g) }

  /// Computes `channels` (a sub-range of `0..<self.channels`); disjoint ranges write
  /// disjoint outputs, so threads may run them concurrently. Cost: O(|channels|·plane).
  func run(channels: Range<Int>) {
    for channel in channels {
      let x = input + channel &* plane
      let y = output + channel &* plane
      let w = Int32(scale.load(fromByteOffset: channel, as: Int8.self))
      let b = bias.load(fromByteOffset: channel &* 4, as: Int32.self)
      let m = multiplier.load(fromByteOffset: channel &* 4, as: Int32.self)
      let s = shift.load(fromByteOffset: channel &* 4, as: Int32.self)
      var i = 0
      // 32-bit targets (the firmware) have no vector unit to gain from: the scalar loop alone is smaller code.
      #if !_pointerBitWidth(_32)
        typealias Vector = SIMD16<Int32>
        let width = Vector.scalarCount
        let rescale = UniformRescale(Rescale(multiplier: m, shift: s))
        // (x − z)·w + b as x·w + (b − z·w): the same wrapping sum, one subtraction fewer.
        let wv = Vector(repeating: w), offset = Vector(repeating: b &- stage.inputZeroPoint &* w)
        while i &+ width <= plane {
          let v = x.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self).widenedToInt32
          y.storeBytes(of: stage.finish(v &* wv &+ offset, rescale), toByteOffset: i, as: SIMD16<Int8>.self)
          i &+= width
        }
      #endif
      while i < plane {
        let v = Int32(x.load(fromByteOffset: i, as: Int8.self))
        y.storeBytes(
          of: stage.finish(b &+ (v &- stage.inputZeroPoint) &* w, multiplier: m, shift: s), toByteOffset: i,
          as: Int8.self)
        i &+= 1
      }
    }
  }
}
