/// Operator codes of `GRPH` operator records.
public enum SlimOpcode: UInt16, Sendable {
  case conv2d = 1
  case linear
  case maxPool2d
  case avgPool2d
  case globalAvgPool
  case add
  case concat
  case reshape
  case activation
  // Integer-only operators of format 1.1 (see "int8 operators" in Formats/slim-v1.md).
  case quantize = 20
  case dequantize
  case conv2dInt8
  case linearInt8
  case maxPool2dInt8
  case avgPool2dInt8
  case globalAvgPoolInt8
  case addInt8
  case concatInt8
  case reshapeInt8
  /// uint8 HWC pixels to int8 NCHW through a per-channel table (format 1.1; 20...29 were taken).
  case quantizePixels = 30
  /// The int8 add in one rounding, two 32-bit multipliers over a common power of two (format 1.7).
  case addInt8SingleRounding = 31
  /// A per-channel int8 scale and shift in one rounding (an unfolded BatchNorm; format 1.7).
  case scaleShiftInt8 = 32
  /// Channel selection of an int8 tensor, a byte copy per channel (format 1.7).
  case gatherChannelsInt8 = 33
  /// Output channel k is input channel `params[k]` (channel pruning's selection).
  case gatherChannels = 10
  /// Element-wise product (format 1.2); `b` may be one value per channel.
  case mul = 11
  /// Element-wise `a − b` and `a / b` (format 1.3); operands broadcast as add's do.
  case sub = 12
  case div = 13
  /// Zero padding of H and W (format 1.3).
  case pad = 14
  /// Nearest-neighbour upsampling by integer factors (format 1.3).
  case upsampleNearest = 15
}
