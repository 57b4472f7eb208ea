/// Validation of the int8 operators (opcodes 20...33). Shapes reuse the float
/// rules by checking an equivalent float record; on top of that every operand's
/// element type and storage, and every integer parameter's range, are checked.
extension ShapeInference {
  /// Cost: O(rank · inputs).
  static func inferInt8(
    _ op: OperatorRecord, index: Int, tensors: [TensorDescriptor]
  ) throws(SlimError) -> Int8Geometry {
    func fail(_ reason: SlimError.OperatorProblem) -> SlimError { .invalidOperator(index: index, reason: reason) }
    guard op.activation == .none else { throw fail(.activationNotAllowed) }
    guard op.outputs.count == 1 else { throw fail(.outputCount(op.outputs.count)) }
    let output = tensors[op.outputs[0]]
    /// Checks operand `operand` (inputs, then the output) has `dtype` and, for weights, is a constant.
    func expect(_ operand: Int, _ dtype: SlimDType, constant: Bool = false) throws(SlimError) {
      let tensor = operand < op.inputs.count ? tensors[op.inputs[operand]] : output
      guard tensor.dtype == dtype else { throw fail(.operandDType(operand: operand)) }
      guard !constant || tensor.storage == .constant else { throw fail(.operandDType(operand: operand)) }
    }
    func expectCounts(inputs: ClosedRange<Int>, params: Int) throws(SlimError) {
      guard inputs.contains(op.inputs.count) else { throw fail(.inputCount(op.inputs.count)) }
      guard op.params.count == params else { throw fail(.paramCount(op.params.count)) }
    }
    func int8Param(_ i: Int) throws(SlimError) -> Int32 {
      guard (-128...127).contains(op.params[i]) else { throw fail(.param(index: i)) }
      return op.params[i]
    }
    func rescale(_ i: Int) throws(SlimError) -> Rescale {
      guard op.params[i] >= 0 else { throw fail(.param(index: i)) }
      guard Requantization.shiftRange.contains(op.params[i + 1]) else { throw fail(.param(index: i + 1)) }
      return Rescale(multiplier: op.params[i], shift: op.params[i + 1])
    }
    func scale(_ i: Int) throws(SlimError) -> Float {
      let value = Float(bitPattern: UInt32(bitPattern: op.params[i]))
      guard value.isFinite, value > 0 else { throw fail(.param(index: i)) }
      return value
    }
    /// The float rule's geometry for the same operands and the first `paramCount` params.
    func floatGeometry(_ opcode: SlimOpcode, inputs: Int, params: Int) throws(SlimError) -> OperatorGeometry {
      let record = OperatorRecord(
        opcode: opcode, activation: .none, inputs: Array(op.inputs[0..<inputs]), outputs: op.outputs,
        params: Array(op.params[0..<params]))
      return try infer(record, index: index, tensors: tensors)
    }
    func outputStage(from i: Int) throws(SlimError) -> Int8OutputStage {
      let stage = Int8OutputStage(
        inputZeroPoint: try int8Param(i), outputZeroPoint: try int8Param(i + 1), outputMin: try int8Param(i + 2),
        outputMax: try int8Param(i + 3))
      guard stage.outputMin <= stage.outputMax else { throw fail(.param(index: i + 3)) }
      return stage
    }
    /// Weight int8, bias int32 `[O]`, requantization int32 `[2, O]` (multipliers, then shifts).
    func expectWeights(channels: Int) throws(SlimError) {
      try expect(1, .int8, constant: true)
      try expect(2, .int32, constant: true)
      try expect(3, .int32, constant: true)
      guard tensors[op.inputs[2]].shape == [channels] else { throw fail(.operandShape(operand: 2)) }
      guard tensors[op.inputs[3]].shape == [2, channels] else { throw fail(.operandShape(operand: 3)) }
    }

    switch op.opcode {
    case .quantize, .dequantize:
      try expectCounts(inputs: 1...1, params: 2)
      let quantizing = op.opcode == .quantize
      try expect(0, quantizing ? .float32 : .int8)
      try expect(1, quantizing ? .int8 : .float32)
      guard output.shape == tensors[op.inputs[0]].shape else { throw fail(.outputShape) }
      let (count, zeroPoint, s) = (output.elementCount, try int8Param(0), try scale(1))
      return quantizing
        ? .quantize(count: count, scale: s, zeroPoint: zeroPoint)
        : .dequantize(count: count, scale: s, zeroPoint: zeroPoint)

    case .conv2dInt8:
      try expectCounts(inputs: 4...4, params: 13)
      try expect(0, .int8)
      try expect(4, .int8)
      guard case .conv2d(let g) = try floatGeometry(.conv2d, inputs: 2, params: 9) else { throw fail(.outputShape) }
      try expectWeights(channels: g.outChannels)
      return .conv2d(g, try outputStage(from: 9))

    case .linearInt8:
      try expectCounts(inputs: 4...4, params: 4)
      try expect(0, .int8)
      try expect(4, .int8)
      guard case .linear(let inFeatures, let outFeatures) = try floatGeometry(.linear, inputs: 2, params: 0) else {
        throw fail(.outputShape)
      }
      try expectWeights(channels: outFeatures)
      return .linear(inFeatures: inFeatures, outFeatures: outFeatures, try outputStage(from: 0))

    case .maxPool2dInt8, .avgPool2dInt8:
      try expectCounts(inputs: 1...1, params: 10)
      try expect(0, .int8)
      try expect(1, .int8)
      let floatOpcode: SlimOpcode = op.opcode == .maxPool2dInt8 ? .maxPool2d : .avgPool2d
      guard case .pool2d(let g) = try floatGeometry(floatOpcode, inputs: 1, params: 10) else {
        throw fail(.outputShape)
      }
      return .pool2d(g)

    case .globalAvgPoolInt8:
      try expectCounts(inputs: 1...1, params: 0)
      try expect(0, .int8)
      try expect(1, .int8)
      guard case .globalAvgPool(let channels, let spatial) = try floatGeometry(.globalAvgPool, inputs: 1, params: 0)
      else { throw fail(.outputShape) }
      return .globalAvgPool(channels: channels, spatial: spatial)

    case .addInt8:
      try expectCounts(inputs: 2...2, params: 11)
      for operand in 0...2 { try expect(operand, .int8) }
      // Equal shapes only: the int8 kernel does not broadcast.
      guard case .elementwise(let g) = try floatGeometry(.add, inputs: 2, params: 0) else { throw fail(.outputShape) }
      guard case .same(let count) = g.layout else { throw fail(.operandShape(operand: 1)) }
      let parameters = AddInt8.Parameters(
        aZeroPoint: try int8Param(0), bZeroPoint: try int8Param(1), outputZeroPoint: try int8Param(2),
        a: try rescale(3), b: try rescale(5), output: try rescale(7), outputMin: try int8Param(9),
        outputMax: try int8Param(10))
      guard parameters.outputMin <= parameters.outputMax else { throw fail(.param(index: 10)) }
      return .add(count: count, parameters)

    case .addInt8SingleRounding:
      try expectCounts(inputs: 2...2, params: 8)
      for operand in 0...2 { try expect(operand, .int8) }
      guard case .elementwise(let g) = try floatGeometry(.add, inputs: 2, params: 0) else { throw fail(.outputShape) }
      guard case .same(let count) = g.layout else { throw fail(.operandShape(operand: 1)) }
      let parameters = AddInt8SingleRounding.Parameters(
        aZeroPoint: try int8Param(0), bZeroPoint: try int8Param(1), outputZeroPoint: try int8Param(2),
        aMultiplier: op.params[3], bMultiplier: op.params[4], shift: op.params[5], outputMin: try int8Param(6),
        outputMax: try int8Param(7))
      guard parameters.aMultiplier >= 0 else { throw fail(.param(index: 3)) }
      guard parameters.bMultiplier >= 0 else { throw fail(.param(index: 4)) }
      // Past the sign checks, what is left out of bounds is the shift or the multipliers'
      // sum; the shift is named, as it sets the rounding offset's size.
      guard
        SingleRoundingBounds.addIsExact(
          aMultiplier: parameters.aMultiplier, bMultiplier: parameters.bMultiplier, shift: parameters.shift)
      else { throw fail(.param(index: 5)) }
      guard parameters.outputMin <= parameters.outputMax else { throw fail(.param(index: 7)) }
      return .addSingleRounding(count: count, parameters)

    case .scaleShiftInt8:
      // x int8 [1, C, H, W], constants int32 [3, C] (multipliers, offsets, shifts), y like x.
      try expectCounts(inputs: 2...2, params: 2)
      try expect(0, .int8)
      try expect(1, .int32, constant: true)
      try expect(2, .int8)
      let x = tensors[op.inputs[0]].shape
      guard x.count == 4, x[0] == 1 else { throw fail(.operandShape(operand: 0)) }
      guard tensors[op.inputs[1]].shape == [3, x[1]] else { throw fail(.operandShape(operand: 1)) }
      guard output.shape == x else { throw fail(.outputShape) }
      let (outputMin, outputMax) = (try int8Param(0), try int8Param(1))
      guard outputMin <= outputMax else { throw fail(.param(index: 1)) }
      // H·W ≤ the validated element count of x (< 2^28), so the product cannot overflow.
      return .scaleShift(channels: x[1], plane: x[2] * x[3], outputMin: outputMin, outputMax: outputMax)

    case .gatherChannelsInt8:
      // As gatherChannels, on int8 values that keep their scale and zero point.
      try expectCounts(inputs: 1...1, params: op.params.count)
      try expect(0, .int8)
      try expect(1, .int8)
      guard
        case .gatherChannels(let spatial, let indexes) = try floatGeometry(
          .gatherChannels, inputs: 1, params: op.params.count)
      else { throw fail(.outputShape) }
      return .gatherChannels(spatial: spatial, indexes: indexes)

    case .concatInt8:
      let n = op.inputs.count
      try expectCounts(inputs: 1...Int(UInt16.max), params: 2 + 3 * n)
      for operand in 0...n { try expect(operand, .int8) }
      guard case .concat(let outer, let inner) = try floatGeometry(.concat, inputs: n, params: 1) else {
        throw fail(.outputShape)
      }
      var rescales: [ConcatInt8.InputRescale] = []
      for operand in 0..<n {
        let base = 2 + 3 * operand
        rescales.append(ConcatInt8.InputRescale(zeroPoint: try int8Param(base), rescale: try rescale(base + 1)))
      }
      return .concat(outerCount: outer, innerSizes: inner, outputZeroPoint: try int8Param(1), rescales: rescales)

    case .reshapeInt8:
      try expectCounts(inputs: 1...1, params: 0)
      try expect(0, .int8)
      try expect(1, .int8)
      guard case .unary(let count) = try floatGeometry(.reshape, inputs: 1, params: 0) else {
        throw fail(.outputShape)
      }
      return .copy(count: count)

    case .quantizePixels:
      // x uint8 [1, H, W, C] (pixels, channel fastest), table int8 [C, 256], y int8 [1, C, H, W].
      try expectCounts(inputs: 2...2, params: 0)
      try expect(0, .uint8)
      try expect(1, .int8, constant: true)
      try expect(2, .int8)
      let x = tensors[op.inputs[0]].shape
      guard x.count == 4, x[0] == 1 else { throw fail(.operandShape(operand: 0)) }
      let (height, width, channels) = (x[1], x[2], x[3])
      guard tensors[op.inputs[1]].shape == [channels, QuantizePixels.tableWidth] else {
        throw fail(.operandShape(operand: 1))
      }
      guard output.shape == [1, channels, height, width] else { throw fail(.outputShape) }
      // H·W ≤ the validated element count of x (< 2^28), so the product cannot overflow.
      return .quantizePixels(channels: channels, spatial: height * width)

    default:
      throw fail(.unknownOpcode(op.opcode.rawValue))
    }
  }

  /// Float operators (opcodes below 20) read and write float32 only; anything else
  /// would make a float kernel read past an int8 tensor. Cost: O(operands).
  static func checkFloatOperands(_ op: OperatorRecord, index: Int, tensors: [TensorDescriptor]) throws(SlimError) {
    for (operand, tensor) in (op.inputs + op.outputs).enumerated() where tensors[tensor].dtype != .float32 {
      throw .invalidOperator(index: index, reason: .operandDType(operand: operand))
    }
  }
}
