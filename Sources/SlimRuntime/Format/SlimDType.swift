/// Element type of a tensor (`TensorDescriptor.dtype` in `GRPH`).
public enum SlimDType: UInt8, Sendable {
  case float32 = 1
  /// Signed 8-bit, the quantized activations and weights (format 1.1).
  case int8 = 2
  /// Signed 32-bit, the quantized biases and requantization constants (format 1.1).
  case int32 = 3
  /// Unsigned 8-bit image pixels, only as a graph input read by `quantizePixels` (format 1.1).
  case uint8 = 4

  /// Bytes per element.
  public var size: Int {
    switch self {
    case .float32, .int32: return 4
    case .int8, .uint8: return 1
    }
  }
}
