/// How calibration turns observed activations into a range to quantize.
public enum CalibrationMethod: String, CaseIterable, Sendable {
  /// The observed minimum and maximum (TensorFlow Lite's default).
  case minmax
  /// The 0.01st and 99.99th percentiles: ignores rare outliers.
  case percentile
  /// The clipping threshold minimizing the KL divergence between the observed histogram
  /// and its quantized version (TensorRT's and ncnn's entropy calibration).
  case kl
}
