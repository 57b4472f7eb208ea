/// What `slim-pack --int8` was asked to do.
public struct QuantizationOptions: Sendable {
  /// Normalized float32 NCHW samples the ranges are calibrated on.
  public var calibration: [[Float]]
  public var method: CalibrationMethod = .minmax
  /// `first`, `last` or layer names to keep in float32.
  public var keepFloat: [String] = []
  /// Calibration samples (besides the probe inputs) that the bit-exactness check and
  /// the per-layer report run on.
  public var reportSamples = 16
  /// Called with (done, total) after each calibration run of the reference engine.
  public var progress: (@Sendable (Int, Int) -> Void)?

  public init(calibration: [[Float]]) { self.calibration = calibration }
}
