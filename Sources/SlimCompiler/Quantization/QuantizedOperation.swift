/// What a node of a `QuantizedGraph` computes. Int8 operations carry every integer
/// constant the runtime needs, already computed; `float` runs a float operation unchanged.
public enum QuantizedOperation: Sendable {
  /// float32 → int8 with the output's parameters.
  case quantize(QuantizationParameters)
  /// int8 → float32 with the input's parameters.
  case dequantize(QuantizationParameters)
  /// uint8 `[1, H, W, C]` pixels → int8 `[1, C, H, W]`, one table lookup per element.
  case quantizePixels(PixelTable)
  case conv2d(QuantizedConv2D)
  case linear(QuantizedLinear)
  /// Pooling keeps the input's scale and zero point.
  case maxPool2d(GraphOperation.Pool2D)
  case avgPool2d(GraphOperation.Pool2D)
  case globalAvgPool
  /// int8 flatten: the same bytes under another shape.
  case reshape
  /// TensorFlow Lite's add, rounded three times (opcode 27); `slim-pack` writes it only
  /// where `singleRoundingAdd` cannot represent the scales.
  case add(QuantizedAdd)
  case singleRoundingAdd(QuantizedSingleRoundingAdd)
  /// A per-channel scale and shift (an unfolded BatchNorm), rounded once.
  case scaleShift(QuantizedScaleShift)
  /// Channel selection (a pruned network's); keeps the input's scale and zero point.
  case gatherChannels([Int])
  case concat(QuantizedConcat)
  /// An operation kept in float32 (`--keep-float`, or one int8 does not cover).
  case float(GraphOperation)
}

/// Per-output-channel int8 weights with everything the integer output stage needs.
public struct QuantizedWeights: Sendable {
  /// Symmetric int8 weights in PyTorch's layout, values in `-127...127`.
  public var weight: [Int8]
  public var shape: [Int]
  /// Real scale of each output channel's weights (`max |w| / 127`).
  public var scales: [Float]
  /// int32 bias with scale `inputScale · scales[o]`.
  public var bias: [Int32]
  /// `inputScale · scales[o] / outputScale` as fixed-point pairs.
  public var requantization: [FixedPointMultiplier]
  public var inputZeroPoint: Int32
  public var outputZeroPoint: Int32
  /// The fused activation as an output clamp (int8 values).
  public var outputMin: Int32
  public var outputMax: Int32
}

public struct QuantizedConv2D: Sendable {
  /// The float layer, for its geometry (stride, padding, dilation, groups).
  public var layer: GraphOperation.Conv2D
  public var weights: QuantizedWeights
}

public struct QuantizedLinear: Sendable {
  public var weights: QuantizedWeights
}

/// Element-wise addition of two int8 values with their own scales (TensorFlow Lite's scheme).
public struct QuantizedAdd: Sendable {
  public var aZeroPoint: Int32, bZeroPoint: Int32, outputZeroPoint: Int32
  public var a: FixedPointMultiplier, b: FixedPointMultiplier, output: FixedPointMultiplier
  public var outputMin: Int32, outputMax: Int32
}

/// Concatenation rescaling each input to the output's parameters.
public struct QuantizedConcat: Sendable {
  public var axis: Int
  public var outputZeroPoint: Int32
  public var inputZeroPoints: [Int32]
  public var rescales: [FixedPointMultiplier]
}
