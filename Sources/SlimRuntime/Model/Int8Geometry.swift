/// What validation learned about an int8 operator (opcodes 20...33): sizes and the
/// integer constants that live in the record's params. Per-channel constants stay in
/// `WGHT` and are checked by `SlimModel.validateRequantization`.
enum Int8Geometry: Equatable, Sendable {
  case quantize(count: Int, scale: Float, zeroPoint: Int32)
  case dequantize(count: Int, scale: Float, zeroPoint: Int32)
  case conv2d(Conv2D.Geometry, Int8OutputStage)
  case linear(inFeatures: Int, outFeatures: Int, Int8OutputStage)
  case pool2d(Pool2D.Geometry)
  case globalAvgPool(channels: Int, spatial: Int)
  case add(count: Int, AddInt8.Parameters)
  case addSingleRounding(count: Int, AddInt8SingleRounding.Parameters)
  /// Per-channel constants in `WGHT`, checked by `SlimModel.validateRequantization`.
  case scaleShift(channels: Int, plane: Int, outputMin: Int32, outputMax: Int32)
  /// Output channel k is input channel `indexes[k]`, `spatial` bytes each.
  case gatherChannels(spatial: Int, indexes: [Int])
  case concat(outerCount: Int, innerSizes: [Int], outputZeroPoint: Int32, rescales: [ConcatInt8.InputRescale])
  /// Reshape: a byte copy.
  case copy(count: Int)
  /// uint8 `[1, H, W, C]` pixels to int8 `[1, C, H, W]` by table; `spatial` is `H·W`.
  case quantizePixels(channels: Int, spatial: Int)
}
