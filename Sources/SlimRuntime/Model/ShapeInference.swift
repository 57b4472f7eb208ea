/// Checks one operator's operands and parameters and infers its output shape,
/// which must equal the stored output descriptor.
///
/// Size arithmetic is done in `Int64` and results are bounded before they
/// become `Int`, so hostile parameters can neither overflow nor produce
/// geometries whose products overflow a 32-bit `Int` in the kernels.
enum ShapeInference {
  /// Padded input extents above this are rejected; it keeps every index a
  /// kernel forms (≤ padded extent) far below 2^31.
  static let maxPaddedExtent: Int64 = 1 << 30

  /// Cost: O(rank · inputs).
  static func infer(
    _ op: OperatorRecord, index: Int, tensors: [TensorDescriptor]
  ) throws(SlimError) -> OperatorGeometry {
    func fail(_ reason: SlimError.OperatorProblem) -> SlimError { .invalidOperator(index: index, reason: reason) }
    func shape(_ operand: Int) -> [Int] { tensors[op.inputs[operand]].shape }
    func expectCounts(inputs: ClosedRange<Int>, params: Int) throws(SlimError) {
      guard inputs.contains(op.inputs.count) else { throw fail(.inputCount(op.inputs.count)) }
      guard op.outputs.count == 1 else { throw fail(.outputCount(op.outputs.count)) }
      guard op.params.count == params else { throw fail(.paramCount(op.params.count)) }
    }
    /// `[1, C, H, W]`, the only activation layout of spatial operators.
    func imageShape(_ operand: Int) throws(SlimError) -> (c: Int, h: Int, w: Int) {
      let s = shape(operand)
      guard s.count == 4, s[0] == 1 else { throw fail(.operandShape(operand: operand)) }
      return (s[1], s[2], s[3])
    }
    func param(_ i: Int, atLeast minimum: Int32) throws(SlimError) -> Int {
      guard op.params[i] >= minimum else { throw fail(.param(index: i)) }
      return Int(op.params[i])
    }
    func expectOutput(_ expected: [Int]) throws(SlimError) {
      guard tensors[op.outputs[0]].shape == expected else { throw fail(.outputShape) }
    }

    switch op.opcode {
    case .conv2d:
      try expectCounts(inputs: 2...3, params: 9)
      let x = try imageShape(0)
      let w = shape(1)
      guard w.count == 4 else { throw fail(.operandShape(operand: 1)) }
      let groups = try param(8, atLeast: 1)
      guard x.c % groups == 0, w[0] % groups == 0 else { throw fail(.groups) }
      guard w[1] == x.c / groups else { throw fail(.operandShape(operand: 1)) }
      if op.inputs.count == 3 { guard shape(2) == [w[0]] else { throw fail(.operandShape(operand: 2)) } }
      let strideH = try param(0, atLeast: 1), strideW = try param(1, atLeast: 1)
      let dilationH = try param(6, atLeast: 1), dilationW = try param(7, atLeast: 1)
      for i in 2..<6 { _ = try param(i, atLeast: 0) }
      let oh = try outputSize(
        input: x.h, kernel: w[2], dilation: dilationH, stride: strideH, pads: (2, 4), op: op, fail: fail)
      let ow = try outputSize(
        input: x.w, kernel: w[3], dilation: dilationW, stride: strideW, pads: (3, 5), op: op, fail: fail)
      try expectOutput([1, w[0], oh, ow])
      return .conv2d(
        Conv2D.Geometry(
          inChannels: x.c, inHeight: x.h, inWidth: x.w, outChannels: w[0], outHeight: oh, outWidth: ow,
          kernelHeight: w[2], kernelWidth: w[3], strideH: strideH, strideW: strideW, padTop: Int(op.params[2]),
          padLeft: Int(op.params[3]), dilationH: dilationH, dilationW: dilationW, groups: groups))

    case .linear:
      try expectCounts(inputs: 2...3, params: 0)
      let x = shape(0), w = shape(1)
      guard x.count == 2, x[0] == 1 else { throw fail(.operandShape(operand: 0)) }
      guard w.count == 2, w[1] == x[1] else { throw fail(.operandShape(operand: 1)) }
      if op.inputs.count == 3 { guard shape(2) == [w[0]] else { throw fail(.operandShape(operand: 2)) } }
      try expectOutput([1, w[0]])
      return .linear(inFeatures: x[1], outFeatures: w[0])

    case .maxPool2d, .avgPool2d:
      try expectCounts(inputs: 1...1, params: 10)
      let x = try imageShape(0)
      let kernelH = try param(0, atLeast: 1), kernelW = try param(1, atLeast: 1)
      let strideH = try param(2, atLeast: 1), strideW = try param(3, atLeast: 1)
      for i in 4..<8 { _ = try param(i, atLeast: 0) }
      guard op.params[8] == 0 || op.params[8] == 1 else { throw fail(.param(index: 8)) }
      guard op.params[9] == 0 || op.params[9] == 1 else { throw fail(.param(index: 9)) }
      let ceilMode = op.params[8] == 1
      let oh = try outputSize(
        input: x.h, kernel: kernelH, dilation: 1, stride: strideH, pads: (4, 6), ceilMode: ceilMode, op: op,
        fail: fail)
      let ow = try outputSize(
        input: x.w, kernel: kernelW, dilation: 1, stride: strideW, pads: (5, 7), ceilMode: ceilMode, op: op,
        fail: fail)
      try expectOutput([1, x.c, oh, ow])
      let mode: Pool2D.Mode = op.opcode == .maxPool2d ? .max : .average(countIncludePad: op.params[9] == 1)
      return .pool2d(
        Pool2D.Geometry(
          channels: x.c, inHeight: x.h, inWidth: x.w, outHeight: oh, outWidth: ow, kernelHeight: kernelH,
          kernelWidth: kernelW, strideH: strideH, strideW: strideW, padTop: Int(op.params[4]),
          padLeft: Int(op.params[5]), padBottom: Int(op.params[6]), padRight: Int(op.params[7]), mode: mode))

    case .globalAvgPool:
      try expectCounts(inputs: 1...1, params: 0)
      let x = try imageShape(0)
      try expectOutput([1, x.c, 1, 1])
      return .globalAvgPool(channels: x.c, spatial: x.h * x.w)

    case .add, .mul, .sub, .div:
      try expectCounts(inputs: 2...2, params: 0)
      let operation: Elementwise.Operation =
        switch op.opcode {
        case .add: .add
        case .sub: .subtract
        case .mul: .multiply
        default: .divide
        }
      // Numpy broadcasting (format 1.3; 1.2 wrote equal shapes and a per-channel `b` only).
      guard let expected = Elementwise.Geometry.broadcastShape(shape(0), shape(1)) else {
        throw fail(.operandShape(operand: 1))
      }
      try expectOutput(expected)
      guard let geometry = Elementwise.Geometry.broadcasting(operation, a: shape(0), b: shape(1), output: expected)
      else { throw fail(.outputShape) }
      return .elementwise(geometry)

    case .concat:
      try expectCounts(inputs: 1...Int(UInt16.max), params: 1)
      let first = shape(0)
      guard op.params[0] >= 0, Int(op.params[0]) < first.count else { throw fail(.param(index: 0)) }
      let axis = Int(op.params[0])
      var axisTotal = 0
      for operand in 0..<op.inputs.count {
        let s = shape(operand)
        guard s.count == first.count else { throw fail(.operandShape(operand: operand)) }
        for d in 0..<s.count where d != axis && s[d] != first[d] { throw fail(.operandShape(operand: operand)) }
        axisTotal += s[axis]
        // Each term is ≤ 2^24, so checking as we go keeps the sum from overflowing.
        guard axisTotal <= SlimFormat.maxDimension else { throw fail(.outputShape) }
      }
      var expected = first
      expected[axis] = axisTotal
      try expectOutput(expected)
      let outer = first[..<axis].reduce(1, *)
      let after = first[(axis + 1)...].reduce(1, *)
      // Products are bounded by the (validated) element counts of the operands.
      var inner: [Int] = []
      for operand in 0..<op.inputs.count { inner.append(shape(operand)[axis] * after) }
      return .concat(outerCount: outer, innerSizes: inner)

    case .reshape:
      try expectCounts(inputs: 1...1, params: 0)
      let count = tensors[op.inputs[0]].elementCount
      guard tensors[op.outputs[0]].elementCount == count else { throw fail(.outputShape) }
      return .unary(count: count)

    case .activation:
      try expectCounts(inputs: 1...1, params: 0)
      try expectOutput(shape(0))
      return .unary(count: tensors[op.inputs[0]].elementCount)
    case .quantize, .dequantize, .conv2dInt8, .linearInt8, .maxPool2dInt8, .avgPool2dInt8, .globalAvgPoolInt8,
      .addInt8, .concatInt8, .reshapeInt8, .quantizePixels, .addInt8SingleRounding,
      .scaleShiftInt8, .gatherChannelsInt8:
      return .int8(try inferInt8(op, index: index, tensors: tensors))

    case .pad:
      try expectCounts(inputs: 1...1, params: 5)
      let value = Float(bitPattern: UInt32(bitPattern: op.params[4]))
      guard value.isFinite else { throw fail(.param(index: 4)) }
      let x = try imageShape(0)
      // Each pad at most 2^24 and each padded extent at most 2^24 (the format's dimension bound).
      for i in 0..<4 {
        guard (0...Int32(SlimFormat.maxDimension)).contains(op.params[i]) else { throw fail(.param(index: i)) }
      }
      let top = Int(op.params[0]), left = Int(op.params[1]), bottom = Int(op.params[2]), right = Int(op.params[3])
      let oh = x.h + top + bottom, ow = x.w + left + right
      guard oh <= SlimFormat.maxDimension, ow <= SlimFormat.maxDimension else { throw fail(.outputShape) }
      try expectOutput([1, x.c, oh, ow])
      return .pad(
        Pad2D.Geometry(
          channels: x.c, inHeight: x.h, inWidth: x.w, padTop: top, padLeft: left, outHeight: oh, outWidth: ow,
          value: value))

    case .upsampleNearest:
      try expectCounts(inputs: 1...1, params: 2)
      let x = try imageShape(0)
      let sh = try param(0, atLeast: 1), sw = try param(1, atLeast: 1)
      // Bounded before multiplying: each product stays within the format's dimension bound.
      guard sh <= SlimFormat.maxDimension / x.h else { throw fail(.param(index: 0)) }
      guard sw <= SlimFormat.maxDimension / x.w else { throw fail(.param(index: 1)) }
      try expectOutput([1, x.c, x.h * sh, x.w * sw])
      return .upsampleNearest(
        UpsampleNearest.Geometry(channels: x.c, inHeight: x.h, inWidth: x.w, scaleH: sh, scaleW: sw))

    case .gatherChannels:
      return try GatherChannels.geometry(
        op, inputShape: shape(0), outputShape: tensors[op.outputs[0]].shape, fail: fail)
    }
  }

  /// PyTorch's output size of a convolution or pooling axis, validating the
  /// padding (`0 <= pad < kernel extent`) and the result (`1...2^24`).
  ///
  /// `floor((in + padBefore + padAfter − extent) / stride) + 1`, or with
  /// `ceilMode` rounded up, minus one if the last window would start past the
  /// input and the left padding.
  private static func outputSize(
    input: Int, kernel: Int, dilation: Int, stride: Int, pads: (before: Int, after: Int),
    ceilMode: Bool = false, op: OperatorRecord, fail: (SlimError.OperatorProblem) -> SlimError
  ) throws(SlimError) -> Int {
    let extent = Int64(dilation) * Int64(kernel - 1) + 1
    let padBefore = Int64(op.params[pads.before]), padAfter = Int64(op.params[pads.after])
    guard padBefore < extent else { throw fail(.param(index: pads.before)) }
    guard padAfter < extent else { throw fail(.param(index: pads.after)) }
    let padded = Int64(input) + padBefore + padAfter
    guard padded <= maxPaddedExtent else { throw fail(.param(index: pads.before)) }
    guard padded >= extent else { throw fail(.emptyOutput) }
    let s = Int64(stride)
    var size = (padded - extent + (ceilMode ? s - 1 : 0)) / s + 1
    if ceilMode && (size - 1) * s >= Int64(input) + padBefore { size -= 1 }
    guard size >= 1, size <= Int64(SlimFormat.maxDimension) else { throw fail(.emptyOutput) }
    return Int(size)
  }
}
