import SlimRuntime

/// A per-channel int8 scale and shift with one rounding (`scaleShiftInt8`, opcode 32 in
/// `Formats/slim-v1.md`): `y = clamp(⌊(multipliers[c]·x + offsets[c]) / 2^shifts[c]⌋)`.
/// `slim-pack` writes it for a depthwise 1x1 convolution with stride 1 and no
/// padding, an unfolded BatchNorm (`StandaloneBatchNormLowering`), in place of an int8
/// convolution whose output stage costs a 64-bit requantization per element.
public struct QuantizedScaleShift: Sendable, Equatable {
  public var multipliers: [Int32], offsets: [Int32], shifts: [Int32]
  public var outputMin: Int32, outputMax: Int32

  public init(multipliers: [Int32], offsets: [Int32], shifts: [Int32], outputMin: Int32, outputMax: Int32) {
    self.multipliers = multipliers
    self.offsets = offsets
    self.shifts = shifts
    self.outputMin = outputMin
    self.outputMax = outputMax
  }

  /// Whether `conv` is a per-channel scale and shift: one 1x1 tap per channel
  /// (`groups` = input channels = output channels), stride 1, no padding.
  public static func isEligible(_ conv: GraphOperation.Conv2D, inputChannels: Int) -> Bool {
    conv.weight.shape == [inputChannels, 1, 1, 1] && conv.groups == inputChannels && conv.stride == (1, 1)
      && conv.padding == (0, 0, 0, 0)
  }

  /// The scale and shift `y = scale[c]·x + shift[c]` (real values) from `input`'s
  /// quantization to `output`'s, with the output clamp `clamp`. In units of the int8
  /// values that is `y = u·x + v` with `u = scale·sx/sy` and `v = shift/sy − u·zx + zy`,
  /// rounded half up as `⌊(M·x + B) / 2^S⌋` with `M = round(u·2^S)`, `B = round((v + ½)·2^S)`
  /// and, per channel, the largest `S` the format's bound allows (`SingleRoundingBounds`).
  /// A `v` so large that every output saturates is first brought to the edge of that
  /// range (`|v| ≤ 128·|u| + 256`), which changes no output and keeps `S` large. Nil where a
  /// channel's values are not finite or its `|u|` is above about 2^22, for which the
  /// int8 convolution's form is written instead.
  public init?(
    scale: [Float], shift: [Float]?, input: QuantizationParameters, output: QuantizationParameters,
    clamp: ClosedRange<Int32>
  ) {
    var multipliers: [Int32] = [], offsets: [Int32] = [], shifts: [Int32] = []
    for c in scale.indices {
      let u = Double(scale[c]) * Double(input.scale) / Double(output.scale)
      var v = Double(shift?[c] ?? 0) / Double(output.scale) - u * Double(input.zeroPoint) + Double(output.zeroPoint)
      guard u.isFinite, v.isFinite else { return nil }
      let saturating = 128 * abs(u) + 256
      v = min(max(v, -saturating), saturating)
      guard let (m, b, s) = Self.constants(u: u, v: v) else { return nil }
      multipliers.append(m)
      offsets.append(b)
      shifts.append(s)
    }
    self.init(
      multipliers: multipliers, offsets: offsets, shifts: shifts, outputMin: clamp.lowerBound,
      outputMax: clamp.upperBound)
  }

  /// `(M, B, S)` for `u·x + v` rounded half up, at the largest `S` in `0...30` within the bound.
  private static func constants(u: Double, v: Double) -> (Int32, Int32, Int32)? {
    for shift in stride(from: Int32(30), through: 0, by: -1) {
      let unit = Double(sign: .plus, exponent: Int(shift), significand: 1)
      let (m, b) = ((u * unit).rounded(), ((v + 0.5) * unit).rounded())
      guard abs(m) < 0x1p31, abs(b) < 0x1p31,
        SingleRoundingBounds.scaleShiftIsExact(multiplier: Int32(m), offset: Int32(b), shift: shift)
      else {
        continue
      }
      return (Int32(m), Int32(b), shift)
    }
    return nil
  }
}
