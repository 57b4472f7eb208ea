/// Which int8 forms the quantizer writes for element-wise adds and per-channel
/// scale-and-shift layers (unfolded BatchNorms).
public enum Int8Rounding: String, CaseIterable, Sendable {
  /// One rounding in 32-bit arithmetic: `addInt8SingleRounding` and `scaleShiftInt8`
  /// (opcodes 31 and 32, format 1.7). The default: the fastest, and at least as precise.
  case single
  /// TensorFlow Lite's arithmetic: `addInt8` (opcode 27, three requantizations) and the
  /// scale and shift as an int8 depthwise 1x1 convolution (opcode 22). For a file that an
  /// older runtime (format 1.1 to 1.6) must run, or that must match a TensorFlow Lite
  /// deployment bit for bit.
  case tflite
}
