/// Element-wise addition of two int8 tensors with different scales, as TensorFlow
/// Lite does it: both inputs are centred, shifted left by 20 bits for headroom,
/// rescaled to a common scale, added, and the sum rescaled to the output.
enum AddInt8 {
  /// Headroom bits added before rescaling the inputs (TensorFlow Lite's `left_shift`).
  static let leftShift: Int32 = 20

  struct Parameters: Equatable, Sendable {
    var aZeroPoint: Int32, bZeroPoint: Int32, outputZeroPoint: Int32
    var a: Rescale, b: Rescale, output: Rescale
    var outputMin: Int32, outputMax: Int32
  }

  /// `out = clamp(output((a((qa − za)·2^20) + b((qb − zb)·2^20))) + zo)`, wrapping int32
  /// arithmetic. Preconditions: three buffers of `count` int8; `output` may equal `a`.
  /// Cost: O(count).
  static func run(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    for i in 0..<count {
      let x = (Int32(a.load(fromByteOffset: i, as: Int8.self)) &- p.aZeroPoint) &<< leftShift
      let y = (Int32(b.load(fromByteOffset: i, as: Int8.self)) &- p.bZeroPoint) &<< leftShift
      let sum = p.a.apply(x) &+ p.b.apply(y)
      let value = Requantization.clampToInt8(p.output.apply(sum) &+ p.outputZeroPoint, p.outputMin, p.outputMax)
      output.storeBytes(of: value, toByteOffset: i, as: Int8.self)
    }
  }
}
