import SlimRuntime

/// The constant of a `quantizePixels` operator: for each input channel `c` and each uint8
/// pixel value `p`, the int8 value the float path would feed the first int8 layer,
///
/// `table[c, p] = clamp(roundHalfAway(((p/255 − mean[c]) / std[c]) / scale) + zeroPoint, −128, 127)`,
///
/// with the normalization of `PixelPreprocessing` and the quotient, rounding and clamp of
/// the `quantize` operator (`Int8Arithmetic.quantize`), all in float32. So a model that
/// takes pixels computes, bit for bit, what the same model with a float32 input computes
/// on the host-normalized pixels.
public struct PixelTable: Sendable, Equatable {
  public var channels: Int
  /// `channels × 256` int8 values, row-major: entry `c · 256 + p`.
  public var entries: [Int8]

  /// Values per channel: one per uint8.
  public static let width = 256

  /// The table for pixels normalized by `preprocessing` and quantized with `input` (the
  /// graph input's calibrated parameters). Precondition: `preprocessing` has one mean and
  /// one std per channel. Cost: `channels · 256` quantizations.
  public init(_ preprocessing: PixelPreprocessing, input: QuantizationParameters) {
    channels = preprocessing.mean.count
    entries = (0..<channels).flatMap { c in
      (0..<Self.width).map { p in Int8Arithmetic.quantize(preprocessing.normalize(Float(p), channel: c), input) }
    }
  }

  /// A table given entry by entry (tests, hand-made models).
  /// Precondition: `entries.count == channels · 256`.
  public init(channels: Int, entries: [Int8]) {
    self.channels = channels
    self.entries = entries
  }

  /// The int8 value of `pixel` in channel `channel`.
  public subscript(channel: Int, pixel: UInt8) -> Int8 { entries[channel * Self.width + Int(pixel)] }
}
