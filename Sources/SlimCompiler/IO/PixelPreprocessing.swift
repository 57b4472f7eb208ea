/// The per-channel normalization of uint8 pixels, `x = (pixel / 255 − mean[c]) / std[c]`,
/// in float32 and in that order of operations.
///
/// Written once because two paths must agree bit for bit: `InputDecoder` normalizes
/// pixels on the host for float32-input models (slim-run, calibration), and
/// `PixelTable` bakes the same values into a uint8-input model's `quantizePixels` table.
public struct PixelPreprocessing: Sendable, Equatable {
  public var mean: [Float]
  public var std: [Float]

  /// Precondition: `mean` and `std` have one value per channel each.
  public init(mean: [Float], std: [Float]) {
    self.mean = mean
    self.std = std
  }

  /// The normalized value of `pixel` (0...255) in channel `channel`.
  /// Precondition: `channel < mean.count` and `channel < std.count`.
  @inline(__always)
  public func normalize(_ pixel: Float, channel: Int) -> Float {
    (pixel / 255 - mean[channel]) / std[channel]
  }
}
