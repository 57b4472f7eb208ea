extension GraphOperation {
  /// The output shape for the given input shapes, or a `GraphError` naming `node`.
  ///
  /// These rules are the specification's (Formats/slim-v1.md, "GRPH"); the runtime
  /// recomputes them at load and refuses a file whose stored shapes disagree.
  public func outputShape(for inputs: [[Int]], node: String) throws(GraphError) -> [Int] {
    func fail(_ detail: String) -> GraphError { .shapeMismatch(node: node, detail: detail) }
    func single() throws(GraphError) -> [Int] {
      guard inputs.count == 1 else { throw fail("expects 1 input, got \(inputs.count)") }
      return inputs[0]
    }
    func image() throws(GraphError) -> (c: Int, h: Int, w: Int) {
      let s = try single()
      guard s.count == 4, s[0] == 1 else { throw fail("expects a [1, C, H, W] input, got \(s)") }
      return (s[1], s[2], s[3])
    }

    switch self {
    case .conv2d(let conv):
      let x = try image()
      let w = conv.weight.shape
      guard w.count == 4, conv.groups >= 1, w[0] % conv.groups == 0 else {
        throw fail("conv weight \(w) does not fit groups \(conv.groups)")
      }
      guard w[1] * conv.groups == x.c else {
        throw fail("conv weight \(w) expects \(w[1] * conv.groups) input channels, input has \(x.c)")
      }
      if let bias = conv.bias, bias.shape != [w[0]] {
        throw fail("conv bias \(bias.shape) does not match \(w[0]) output channels")
      }
      let oh = Self.windowCount(
        x.h, kernel: w[2], stride: conv.stride.h, padBefore: conv.padding.top,
        padAfter: conv.padding.bottom, dilation: conv.dilation.h, ceil: false)
      let ow = Self.windowCount(
        x.w, kernel: w[3], stride: conv.stride.w, padBefore: conv.padding.left,
        padAfter: conv.padding.right, dilation: conv.dilation.w, ceil: false)
      guard oh >= 1, ow >= 1 else { throw fail("conv output would be empty for input \(inputs[0])") }
      return [1, w[0], oh, ow]

    case .batchNorm(let bn):
      let x = try single()
      guard x.count >= 2, x[1] == bn.channels,
        [bn.beta, bn.runningMean, bn.runningVar].allSatisfy({ $0.count == bn.channels })
      else { throw fail("batch norm of \(bn.channels) channels applied to \(x)") }
      return x

    case .linear(let linear):
      let x = try single()
      let w = linear.weight.shape
      guard w.count == 2, x == [1, w[1]] else {
        throw fail("linear weight \(w) applied to input \(x)")
      }
      if let bias = linear.bias, bias.shape != [w[0]] {
        throw fail("linear bias \(bias.shape) does not match \(w[0]) outputs")
      }
      return [1, w[0]]

    case .activation:
      return try single()

    case .maxPool2d(let pool), .avgPool2d(let pool):
      let x = try image()
      let oh = Self.windowCount(
        x.h, kernel: pool.kernel.h, stride: pool.stride.h, padBefore: pool.padding.top,
        padAfter: pool.padding.bottom, dilation: 1, ceil: pool.ceilMode)
      let ow = Self.windowCount(
        x.w, kernel: pool.kernel.w, stride: pool.stride.w, padBefore: pool.padding.left,
        padAfter: pool.padding.right, dilation: 1, ceil: pool.ceilMode)
      guard oh >= 1, ow >= 1 else { throw fail("pooling output would be empty for input \(inputs[0])") }
      return [1, x.c, oh, ow]

    case .globalAvgPool:
      let x = try image()
      return [1, x.c, 1, 1]

    case .flatten:
      let x = try single()
      guard x.count >= 1, x[0] == 1 else { throw fail("flatten expects batch 1, got \(x)") }
      return [1, x.dropFirst().reduce(1, *)]

    case .add, .mul:
      guard inputs.count == 2, let shape = Self.broadcastShape(inputs[0], inputs[1]) else {
        throw fail("element-wise operands must broadcast to one shape of rank 1...4, got \(inputs)")
      }
      return shape

    case .binary(let binary):
      let operands = binary.operandShapes(inputs)
      guard inputs.count == (binary.constant == nil ? 2 : 1), operands.count == 2,
        let shape = Self.broadcastShape(operands[0], operands[1])
      else { throw fail("element-wise operands must broadcast to one shape of rank 1...4, got \(operands)") }
      return shape

    case .pad(let pad):
      let x = try image()
      guard [pad.top, pad.left, pad.bottom, pad.right].allSatisfy({ $0 >= 0 }), pad.value.isFinite else {
        throw fail("negative padding or non-finite value \(pad)")
      }
      return [1, x.c, x.h + pad.top + pad.bottom, x.w + pad.left + pad.right]

    case .upsampleNearest(let scaleH, let scaleW):
      let x = try image()
      guard scaleH >= 1, scaleW >= 1 else { throw fail("upsampling factors \(scaleH), \(scaleW) below 1") }
      return [1, x.c, x.h * scaleH, x.w * scaleW]

    case .concat(let axis):
      guard let first = inputs.first, axis >= 0, axis < first.count else {
        throw fail("concat on axis \(axis) of \(inputs)")
      }
      var shape = first
      for other in inputs.dropFirst() {
        guard other.count == first.count,
          zip(other, first).enumerated().allSatisfy({ $0.offset == axis || $0.element.0 == $0.element.1 })
        else { throw fail("concat inputs \(inputs) differ outside axis \(axis)") }
        shape[axis] += other[axis]
      }
      return shape

    case .reshape(let shape):
      let x = try single()
      guard shape.reduce(1, *) == x.reduce(1, *) else { throw fail("cannot reshape \(x) to \(shape)") }
      return shape

    case .selectChannels(let indexes):
      let x = try single()
      guard x.count >= 2, x[0] == 1, !indexes.isEmpty, indexes.allSatisfy({ (0..<x[1]).contains($0) }) else {
        throw fail("channel selection of \(indexes.count) indexes applied to \(x)")
      }
      var shape = x
      shape[1] = indexes.count
      return shape
    }
  }

  /// Number of windows along one axis, with PyTorch's rule for ceil mode: the last
  /// window must start inside the input or the leading padding.
  static func windowCount(
    _ size: Int, kernel: Int, stride: Int, padBefore: Int, padAfter: Int, dilation: Int, ceil: Bool
  ) -> Int {
    let span = size + padBefore + padAfter - dilation * (kernel - 1) - 1
    guard span >= 0, stride >= 1 else { return 0 }
    var count = (ceil ? (span + stride - 1) / stride : span / stride) + 1
    if ceil, (count - 1) * stride >= size + padBefore { count -= 1 }
    return count
  }
}
