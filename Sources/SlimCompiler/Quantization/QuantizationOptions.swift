/// What `slim-pack --int8` was asked to do.
public struct QuantizationOptions: Sendable {
  /// Normalized float32 NCHW samples the ranges are calibrated on (float32-input models).
  public var calibration: [[Float]]
  /// uint8 HWC calibration pixels. When set, the model's graph input is uint8 pixels
  /// `[1, H, W, C]` (`quantizePixels`, no float at all on the device): the ranges are
  /// calibrated on these pixels normalized with `PackOptions.mean`/`std` (required), the
  /// report and bit-exactness samples are these pixels, and `calibration` is unused.
  public var pixels: [[UInt8]]?
  public var method: CalibrationMethod = .minmax
  /// The forms of int8 adds and scale-and-shift layers (`single` by default).
  public var rounding: Int8Rounding = .single
  /// `first`, `last` or layer names to keep in float32.
  public var keepFloat: [String] = []
  /// Calibration samples (besides the probe inputs) that the bit-exactness check and
  /// the per-layer report run on.
  public var reportSamples = 16
  /// Called with (done, total) after each calibration run of the reference engine.
  public var progress: (@Sendable (Int, Int) -> Void)?

  public init(calibration: [[Float]]) { self.calibration = calibration }

  /// Options for a model that takes uint8 HWC pixels, calibrated on `pixels`.
  public init(pixels: [[UInt8]]) {
    calibration = []
    self.pixels = pixels
  }
}
