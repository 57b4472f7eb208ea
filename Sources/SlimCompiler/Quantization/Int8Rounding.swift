/// Which int8 forms the quantizer writes for element-wise adds, per-channel
/// scale-and-shift layers (unfolded BatchNorms) and channel selections.
public enum Int8Rounding: String, CaseIterable, Sendable {
  /// One rounding in 32-bit arithmetic: `addInt8SingleRounding` and `scaleShiftInt8`
  /// (opcodes 31 and 32, format 1.7), and int8 channel selections (`gatherChannelsInt8`,
  /// opcode 33). The default: the fastest, and as precise within 0.1 dB on the fixtures.
  case single
  /// TensorFlow Lite's arithmetic: `addInt8` (opcode 27, three requantizations) and the
  /// scale and shift as an int8 depthwise 1x1 convolution (opcode 22), and channel
  /// selections in float32 between a dequantize and a quantize: only opcodes a runtime of
  /// format 1.1 to 1.6 knows. For a file such a runtime must run, or that must match a
  /// TensorFlow Lite deployment bit for bit.
  case tflite
}
