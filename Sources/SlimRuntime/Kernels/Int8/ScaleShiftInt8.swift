/// A per-channel scale and shift of an int8 tensor with one rounding (opcode 32,
/// `scaleShiftInt8`, format 1.7): `y = clamp(⌊(M[c]·x + B[c]) / 2^S[c]⌋, outputMin,
/// outputMax)` for every element `x` of channel `c`, the inputs' and output's zero
/// points and the rounding offset folded into `B[c]` offline. It is the int8 form of
/// an unfolded BatchNorm (+ ReLU), a pre-activation network's.
///
/// The same layers packed as int8 depthwise 1x1 convolutions (`ChannelAffineInt8`)
/// multiply by an int8 weight and requantize through a 64-bit product; here the
/// format bounds the constants so that `M·x + B` fits in int32 (`SingleRoundingBounds`), and an
/// element costs one 32-bit multiply, an add and a shift before the clamp.
///
/// Preconditions of every member: `input` and `output` hold `channels·plane` int8
/// values, `output` equals `input` or overlaps it nowhere, and `constants` holds
/// `3·channels` `Int32` (multipliers, then offsets, then shifts), each channel within
/// `SingleRoundingBounds.scaleShiftIsExact` (validated at load).
struct ScaleShiftInt8 {
  let channels: Int
  /// `H·W`.
  let plane: Int
  let outputMin: Int32
  let outputMax: Int32
  let input: UnsafeRawPointer
  let constants: UnsafeRawPointer
  let output: UnsafeMutableRawPointer

  /// Computes `channels` (a sub-range of `0..<self.channels`); disjoint ranges write
  /// disjoint outputs, so threads may run them concurrently. 64-bit targets take 16
  /// elements at a time in vector lanes, the rest and the firmware's 32-bit cores one
  /// at a time. Cost: O(|channels|·plane), no allocation.
  func run(channels: Range<Int>) {
    for channel in channels {
      let x = input + channel &* plane
      let y = output + channel &* plane
      let multiplier = constants.load(fromByteOffset: channel &* 4, as: Int32.self)
      let offset = constants.load(fromByteOffset: (self.channels &+ channel) &* 4, as: Int32.self)
      let shift = constants.load(fromByteOffset: (2 &* self.channels &+ channel) &* 4, as: Int32.self)
      var i = 0
      #if !_pointerBitWidth(_32)
        typealias Lanes = SIMD16<Int32>
        let m = Lanes(repeating: multiplier), b = Lanes(repeating: offset), s = Lanes(repeating: shift)
        let low = Lanes(repeating: outputMin), high = Lanes(repeating: outputMax)
        while i &+ Lanes.scalarCount <= plane {
          let v = x.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self).widenedToInt32
          let scaled = (m &* v &+ b) &>> s
          y.storeBytes(of: scaled.clampedToInt8(low, high), toByteOffset: i, as: SIMD16<Int8>.self)
          i &+= Lanes.scalarCount
        }
      #endif
      while i < plane {
        let v = Int32(x.load(fromByteOffset: i, as: Int8.self))
        let scaled = (multiplier &* v &+ offset) &>> shift
        y.storeBytes(of: Requantization.clampToInt8(scaled, outputMin, outputMax), toByteOffset: i, as: Int8.self)
        i &+= 1
      }
    }
  }
}
