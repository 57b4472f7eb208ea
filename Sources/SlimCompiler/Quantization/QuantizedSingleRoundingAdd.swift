import SlimRuntime

/// Element-wise addition of two int8 values with their own scales, rounded once
/// (`addInt8SingleRounding`, opcode 31 in `Formats/slim-v1.md`):
/// `y = clamp(⌊(aMultiplier·(a − za) + bMultiplier·(b − zb) + 2^(shift−1)) / 2^shift⌋ + zo)`.
/// `QuantizedAdd` (opcode 27) rounds three times, as TensorFlow Lite does; this form
/// is the one `slim-pack` writes, as it costs two 32-bit multiplies per element.
public struct QuantizedSingleRoundingAdd: Sendable, Equatable {
  public var aZeroPoint: Int32, bZeroPoint: Int32, outputZeroPoint: Int32
  public var aMultiplier: Int32, bMultiplier: Int32, shift: Int32
  public var outputMin: Int32, outputMax: Int32

  public init(
    aZeroPoint: Int32, bZeroPoint: Int32, outputZeroPoint: Int32, aMultiplier: Int32, bMultiplier: Int32,
    shift: Int32, outputMin: Int32, outputMax: Int32
  ) {
    self.aZeroPoint = aZeroPoint
    self.bZeroPoint = bZeroPoint
    self.outputZeroPoint = outputZeroPoint
    self.aMultiplier = aMultiplier
    self.bMultiplier = bMultiplier
    self.shift = shift
    self.outputMin = outputMin
    self.outputMax = outputMax
  }

  /// The add of `a` and `b` into `output` with the output clamp `clamp`: multipliers
  /// `sa / so · 2^shift` and `sb / so · 2^shift`, rounded to nearest, for the largest
  /// `shift` the format allows (`SingleRoundingBounds.addIsExact`), so that the larger
  /// multiplier keeps about 21 bits or more. Nil when no shift does, for scale ratios
  /// above about 2^22, which `QuantizedAdd`'s form takes instead.
  public init?(
    a: QuantizationParameters, b: QuantizationParameters, output: QuantizationParameters, clamp: ClosedRange<Int32>
  ) {
    let ratios = (Double(a.scale) / Double(output.scale), Double(b.scale) / Double(output.scale))
    for shift in stride(from: Int32(30), through: 1, by: -1) {
      let unit = Double(sign: .plus, exponent: Int(shift), significand: 1)
      let (ma, mb) = ((ratios.0 * unit).rounded(), (ratios.1 * unit).rounded())
      guard ma < Double(Int32.max), mb < Double(Int32.max),
        SingleRoundingBounds.addIsExact(aMultiplier: Int32(ma), bMultiplier: Int32(mb), shift: shift)
      else { continue }
      self.init(
        aZeroPoint: a.zeroPoint, bZeroPoint: b.zeroPoint, outputZeroPoint: output.zeroPoint, aMultiplier: Int32(ma),
        bMultiplier: Int32(mb), shift: shift, outputMin: clamp.lowerBound, outputMax: clamp.upperBound)
      return
    }
    return nil
  }
}
