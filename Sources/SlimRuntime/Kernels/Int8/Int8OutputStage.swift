/// How an int8 convolution or linear layer turns its int32 accumulator into int8:
/// the input's zero point (subtracted from every input element), then the
/// per-channel requantization, the output zero point and the clamp that
/// implements a fused ReLU/ReLU6. Validated: zero points and bounds are int8
/// values and `outputMin <= outputMax`.
struct Int8OutputStage: Equatable, Sendable {
  var inputZeroPoint: Int32
  var outputZeroPoint: Int32
  var outputMin: Int32
  var outputMax: Int32

  /// `clamp(requantize(accumulator) + outputZeroPoint, outputMin, outputMax)`.
  @inline(__always)
  func finish(_ accumulator: Int32, multiplier: Int32, shift: Int32) -> Int8 {
    let scaled = Requantization.multiply(accumulator, by: multiplier, shift: shift)
    return Requantization.clampToInt8(scaled &+ outputZeroPoint, outputMin, outputMax)
  }
}
