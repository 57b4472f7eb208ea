extension ONNXGraphBuilder {
  /// Pad in constant mode (any finite value) of the H and W axes of a `[1, C, H, W]` value:
  /// pads from the `pads` attribute (opset < 11) or a constant input, optionally on the
  /// `axes` input's axes (opset 18); a `.pad` that `PadFolding` merges into a following
  /// conv or average pool when it can (value 0). Other modes (reflect, edge, wrap), a
  /// non-finite value, negative pads and padding of N or C are refused naming the attribute.
  mutating func importPad(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(opset < 11 ? ["mode", "pads", "value"] : ["mode"])
    let mode = node.string("mode", default: "constant")
    guard mode == "constant" else { throw node.unsupported("mode", "= \(mode) (only constant is)") }
    guard let input = node.input(0) else { throw node.invalid("needs an input") }
    let x = try value(input, for: node)
    let rank = shape(x).count
    var pads: [Int]
    var fill: Float = 0
    if opset < 11 {
      pads = try node.ints("pads") ?? []
      fill = node.float("value", default: 0)
    } else {
      guard let given = try constant(1, of: node), let integers = given.integers else {
        throw node.invalid("pads must be a constant integer tensor")
      }
      pads = integers.map { Int(clamping: $0) }
      if let value = try constant(2, of: node) {
        guard value.count == 1 else { throw node.invalid("constant_value must be a scalar") }
        fill = value.floats[0]
      }
      if let axesConstant = try constant(3, of: node) {
        guard let axes = axesConstant.integers, pads.count == 2 * axes.count else {
          throw node.invalid("axes must be integers, half as many as the pads")
        }
        var full = [Int](repeating: 0, count: 2 * rank)
        for (k, axis) in axes.enumerated() {
          let a = axis < 0 ? Int(axis) + rank : Int(axis)
          guard (0..<rank).contains(a) else { throw node.invalid("axis \(axis) outside rank \(rank)") }
          full[a] = pads[k]
          full[a + rank] = pads[k + axes.count]
        }
        pads = full
      }
    }
    guard fill.isFinite else { throw node.unsupported("constant_value", "= \(fill) (only finite values are)") }
    guard pads.count == 2 * rank else { throw node.invalid("pads has \(pads.count) values for rank \(rank)") }
    guard rank == 4, shape(x)[0] == 1 else {
      throw node.unsupported("input", "of shape \(shape(x)) (only [1, C, H, W] is)")
    }
    guard pads.allSatisfy({ $0 >= 0 }) else {
      throw node.unsupported("pads", "\(pads) with negative values (cropping)")
    }
    guard pads[0] == 0, pads[1] == 0, pads[4] == 0, pads[5] == 0 else {
      throw node.unsupported("pads", "\(pads) on the batch or channel axis (only H and W are)")
    }
    guard pads.allSatisfy({ $0 <= ONNXLimits.maxDimension }) else { throw node.invalid("pads \(pads) too large") }
    try emit(.pad(.init(top: pads[2], left: pads[3], bottom: pads[6], right: pads[7], value: fill)), node, inputs: [x])
  }
}
