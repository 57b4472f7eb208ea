extension ONNXGraphBuilder {
  /// Add of two values (equal shapes, or `[1, C, 1, 1]` over `[1, C, H, W]`); a `[O]`
  /// constant added to the output of a bias-free linear layer read by nothing else
  /// (MatMul + Add, folded into the bias); or a per-channel or scalar constant added to a
  /// `[1, C, H, W]` value (an affine batch norm, folded into a preceding conv).
  mutating func importAdd(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes([])
    guard node.inputs.count == 2 else { throw node.invalid("needs two inputs") }
    let a = try symbol(node.inputs[0], for: node), b = try symbol(node.inputs[1], for: node)
    switch (a, b) {
    case (.value(let x), .value(let y)):
      try emitElementwise(.add(activation: .none), node, x, y)
    case (.value(let x), .constant(let c)), (.constant(let c), .value(let x)):
      let valueInput = symbols[node.inputs[0]].isValue ? 0 : 1
      if try foldBias(c, into: x, name: node.inputs[valueInput], biasInput: 1 - valueInput) {
        return bind(node, output: 0, to: .value(x))
      }
      let shift = try perChannel(c, over: x, node)
      let channels = shift.count
      try emit(.batchNorm(.affine(scale: Array(repeating: 1, count: channels), shift: shift)), node, inputs: [x])
    case (.constant(let x), .constant(let y)):
      bind(node, output: 0, to: .constant(try foldConstants(x, y, node, &+, +)))
    }
  }

  /// Mul of two values (equal shapes, or a `[1, C, 1, 1]` gate over `[1, C, H, W]`, as
  /// squeeze-excitation does), or of a `[1, C, H, W]` value by a per-channel or scalar
  /// constant (an affine batch norm, folded into a preceding conv).
  mutating func importMul(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes([])
    guard node.inputs.count == 2 else { throw node.invalid("needs two inputs") }
    let a = try symbol(node.inputs[0], for: node), b = try symbol(node.inputs[1], for: node)
    switch (a, b) {
    case (.value(let x), .value(let y)):
      try emitElementwise(.mul(activation: .none), node, x, y)
    case (.value(let x), .constant(let c)), (.constant(let c), .value(let x)):
      let scale = try perChannel(c, over: x, node)
      try emit(.batchNorm(.affine(scale: scale, shift: Array(repeating: 0, count: scale.count))), node, inputs: [x])
    case (.constant(let x), .constant(let y)):
      bind(node, output: 0, to: .constant(try foldConstants(x, y, node, &*, *)))
    }
  }

  /// `operation` on two values, the full-size one first (both operations commute).
  mutating func emitElementwise(
    _ operation: GraphOperation, _ node: ONNXNode, _ x: Graph.ValueID, _ y: Graph.ValueID
  ) throws(ONNXImportError) {
    if shape(x) == shape(y) || GraphOperation.isPerChannel(shape(y), over: shape(x)) {
      try emit(operation, node, inputs: [x, y])
    } else if GraphOperation.isPerChannel(shape(x), over: shape(y)) {
      try emit(operation, node, inputs: [y, x])
    } else {
      throw node.unsupported(
        "broadcast", "of \(shape(x)) and \(shape(y)) (only equal shapes and [1, C, 1, 1] over [1, C, H, W] are)")
    }
  }

  /// The per-channel values of constant `c` broadcast over the `[1, C, H, W]` value `x`:
  /// `c` must be a scalar or, aligned to the right as numpy broadcasting aligns it, 1 on
  /// every axis but the channel one (`[C, 1, 1]`, `[1, C, 1, 1]`); values finite.
  func perChannel(_ c: ONNXConstant, over x: Graph.ValueID, _ node: ONNXNode) throws(ONNXImportError) -> [Float] {
    let s = shape(x)
    let dims = Array(repeating: 1, count: max(0, 4 - c.shape.count)) + c.shape
    guard s.count == 4, s[0] == 1, dims.count == 4, dims[0] == 1, dims[2] == 1, dims[3] == 1,
      dims[1] == 1 || dims[1] == s[1]
    else {
      throw node.unsupported(
        "broadcast", "of a value \(s) and a constant \(c.shape) (only a scalar or [C, 1, 1] over [1, C, H, W] is)")
    }
    let values = c.floats
    guard values.allSatisfy(\.isFinite) else { throw node.unsupported("constant", "with NaN or infinite values") }
    return values.count == 1 ? Array(repeating: values[0], count: s[1]) : values
  }

  /// Two constants of one shape combined at import (shape arithmetic): integers with
  /// `integer` (wrapping, so hostile values cannot trap), anything else with `float`.
  func foldConstants(
    _ x: ONNXConstant, _ y: ONNXConstant, _ node: ONNXNode, _ integer: (Int64, Int64) -> Int64,
    _ float: (Float, Float) -> Float
  ) throws(ONNXImportError) -> ONNXConstant {
    guard x.shape == y.shape else { throw node.unsupported("broadcast", "of constants \(x.shape) and \(y.shape)") }
    if let xi = x.integers, let yi = y.integers, case .integers = x.elements {
      return ONNXConstant(shape: x.shape, elements: .integers(zip(xi, yi).map(integer)))
    }
    return ONNXConstant(shape: x.shape, elements: .floats(zip(x.floats, y.floats).map(float)))
  }

  /// Makes `bias` the bias of the linear layer producing `value`, when that layer has
  /// none and `name` (its ONNX output) is read only by this Add. Returns whether it did.
  /// `biasInput` is the Add input holding the constant, recorded for write-back.
  mutating func foldBias(
    _ bias: ONNXConstant, into value: Graph.ValueID, name: String, biasInput: Int
  ) throws(ONNXImportError) -> Bool {
    guard readers[name, default: 0] == 1,
      let index = graph.nodes.firstIndex(where: { $0.outputs.contains(value) }),
      case .linear(var linear) = graph.nodes[index].operation, linear.bias == nil,
      bias.count == linear.weight.shape[0], bias.shape.last == bias.count
    else { return false }
    linear.bias = bias.tensor(shape: [bias.count])
    graph.nodes[index].operation = .linear(linear)
    if let currentNode { sources[index].foldedBias = (currentNode, biasInput) }
    return true
  }
}

extension Optional where Wrapped == ONNXGraphBuilder.Symbol {
  var isValue: Bool {
    if case .value? = self { return true }
    return false
  }
}
