/// An int8 operator resolved to a kernel call with concrete pointers (see
/// `ExecutionStep`). Int8 and int32 data are reached through raw pointers, so the
/// arena stays bound to `Float` and raw loads read the bytes regardless.
enum Int8Step {
  case quantize(
    count: Int, scale: Float, zeroPoint: Int32, input: UnsafePointer<Float>, output: UnsafeMutableRawPointer)
  case dequantize(
    count: Int, scale: Float, zeroPoint: Int32, input: UnsafeRawPointer, output: UnsafeMutablePointer<Float>)
  case conv2d(
    Conv2D.Geometry, Int8OutputStage, input: UnsafeRawPointer, weight: UnsafeRawPointer, bias: UnsafeRawPointer,
    multiplier: UnsafeRawPointer, shift: UnsafeRawPointer, output: UnsafeMutableRawPointer)
  case linear(
    inFeatures: Int, outFeatures: Int, Int8OutputStage, input: UnsafeRawPointer, weight: UnsafeRawPointer,
    bias: UnsafeRawPointer, multiplier: UnsafeRawPointer, shift: UnsafeRawPointer, output: UnsafeMutableRawPointer)
  case pool2d(Pool2D.Geometry, input: UnsafeRawPointer, output: UnsafeMutableRawPointer)
  case globalAvgPool(channels: Int, spatial: Int, input: UnsafeRawPointer, output: UnsafeMutableRawPointer)
  case add(count: Int, AddInt8.Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer)
  case addSingleRounding(
    count: Int, AddInt8SingleRounding.Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer,
    output: UnsafeMutableRawPointer)
  case scaleShift(ScaleShiftInt8)
  case gatherChannels(spatial: Int, indexes: [Int], input: UnsafeRawPointer, output: UnsafeMutableRawPointer)
  case concat(
    outerCount: Int, innerSizes: [Int], outputZeroPoint: Int32, rescales: [ConcatInt8.InputRescale],
    inputs: [UnsafeRawPointer], output: UnsafeMutableRawPointer)
  case copy(count: Int, input: UnsafeRawPointer, output: UnsafeMutableRawPointer)
  case quantizePixels(
    channels: Int, spatial: Int, input: UnsafeRawPointer, table: UnsafeRawPointer, output: UnsafeMutableRawPointer)

  /// Resolves operator `index` of `model`, whose validated geometry is `geometry`.
  init(model: SlimModel, operator index: Int, geometry: Int8Geometry, arena: UnsafeMutablePointer<Float>) {
    let op = model.operators[index]
    let base = UnsafeMutableRawPointer(arena)
    func read(_ operand: Int) -> UnsafeRawPointer {
      let tensor = op.inputs[operand]
      let descriptor = model.tensors[tensor]
      return descriptor.storage == .constant ? model.constantBytes(tensor) : UnsafeRawPointer(base + descriptor.offset)
    }
    // Validation proved the output is an activation.
    let outputOffset = model.tensors[op.outputs[0]].offset
    let output = base + outputOffset
    switch geometry {
    case .quantize(let count, let scale, let zeroPoint):
      // Graph activations are 64-aligned, so dividing by 4 is exact.
      let input = UnsafePointer(arena + model.tensors[op.inputs[0]].offset / 4)
      self = .quantize(count: count, scale: scale, zeroPoint: zeroPoint, input: input, output: output)
    case .dequantize(let count, let scale, let zeroPoint):
      self = .dequantize(
        count: count, scale: scale, zeroPoint: zeroPoint, input: read(0), output: arena + outputOffset / 4)
    case .conv2d(let g, let stage):
      self = .conv2d(
        g, stage, input: read(0), weight: read(1), bias: read(2), multiplier: read(3),
        shift: read(3) + 4 * g.outChannels, output: output)
    case .linear(let inFeatures, let outFeatures, let stage):
      self = .linear(
        inFeatures: inFeatures, outFeatures: outFeatures, stage, input: read(0), weight: read(1), bias: read(2),
        multiplier: read(3), shift: read(3) + 4 * outFeatures, output: output)
    case .pool2d(let g):
      self = .pool2d(g, input: read(0), output: output)
    case .globalAvgPool(let channels, let spatial):
      self = .globalAvgPool(channels: channels, spatial: spatial, input: read(0), output: output)
    case .add(let count, let parameters):
      self = .add(count: count, parameters, a: read(0), b: read(1), output: output)
    case .addSingleRounding(let count, let parameters):
      self = .addSingleRounding(count: count, parameters, a: read(0), b: read(1), output: output)
    case .scaleShift(let channels, let plane, let outputMin, let outputMax):
      self = .scaleShift(
        ScaleShiftInt8(
          channels: channels, plane: plane, outputMin: outputMin, outputMax: outputMax, input: read(0),
          constants: read(1), output: output))
    case .gatherChannels(let spatial, let indexes):
      self = .gatherChannels(spatial: spatial, indexes: indexes, input: read(0), output: output)
    case .concat(let outerCount, let innerSizes, let outputZeroPoint, let rescales):
      self = .concat(
        outerCount: outerCount, innerSizes: innerSizes, outputZeroPoint: outputZeroPoint, rescales: rescales,
        inputs: op.inputs.indices.map(read), output: output)
    case .copy(let count):
      self = .copy(count: count, input: read(0), output: output)
    case .quantizePixels(let channels, let spatial):
      self = .quantizePixels(channels: channels, spatial: spatial, input: read(0), table: read(1), output: output)
    }
  }

  /// Runs the kernel. No allocation, no checks.
  func execute() {
    switch self {
    case .quantize(let count, let scale, let zeroPoint, let input, let output):
      QuantizeInt8.quantize(count: count, scale: scale, zeroPoint: zeroPoint, input: input, output: output)
    case .dequantize(let count, let scale, let zeroPoint, let input, let output):
      QuantizeInt8.dequantize(count: count, scale: scale, zeroPoint: zeroPoint, input: input, output: output)
    case .conv2d(let g, let stage, let input, let weight, let bias, let multiplier, let shift, let output):
      Conv2DInt8.run(
        g, stage: stage, input: input, weight: weight, bias: bias, multiplier: multiplier, shift: shift,
        output: output)
    case .linear(
      let inFeatures, let outFeatures, let stage, let input, let weight, let bias, let multiplier, let shift,
      let output):
      LinearInt8.run(
        inFeatures: inFeatures, outFeatures: outFeatures, stage: stage, input: input, weight: weight, bias: bias,
        multiplier: multiplier, shift: shift, output: output)
    case .pool2d(let g, let input, let output):
      PoolInt8.run(g, input: input, output: output)
    case .globalAvgPool(let channels, let spatial, let input, let output):
      PoolInt8.globalAverage(channels: channels, spatial: spatial, input: input, output: output)
    case .add(let count, let parameters, let a, let b, let output):
      AddInt8.run(count: count, parameters, a: a, b: b, output: output)
    case .addSingleRounding(let count, let parameters, let a, let b, let output):
      AddInt8SingleRounding.run(count: count, parameters, a: a, b: b, output: output)
    case .scaleShift(let kernel):
      kernel.run(channels: 0..<kernel.channels)
    case .gatherChannels(let spatial, let indexes, let input, let output):
      indexes.withUnsafeBufferPointer {
        GatherChannels.runInt8(spatial: spatial, indexes: $0, input: input, output: output)
      }
    case .concat(let outerCount, let innerSizes, let outputZeroPoint, let rescales, let inputs, let output):
      ConcatInt8.run(
        outerCount: outerCount, innerSizes: innerSizes, outputZeroPoint: outputZeroPoint, rescales: rescales,
        inputs: inputs, output: output)
    case .copy(let count, let input, let output):
      if UnsafeRawPointer(output) != input { output.copyMemory(from: input, byteCount: count) }
    case .quantizePixels(let channels, let spatial, let input, let table, let output):
      QuantizePixels.run(channels: channels, spatial: spatial, table: table, input: input, output: output)
    }
  }
}
