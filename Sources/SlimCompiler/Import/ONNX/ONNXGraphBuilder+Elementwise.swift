extension ONNXGraphBuilder {
  /// Add of two equal-shape values (a residual), or a `[O]` constant added to the output
  /// of a bias-free linear layer read by nothing else (MatMul + Add, folded into the bias).
  mutating func importAdd(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes([])
    guard node.inputs.count == 2 else { throw node.invalid("needs two inputs") }
    let a = try symbol(node.inputs[0], for: node), b = try symbol(node.inputs[1], for: node)
    switch (a, b) {
    case (.value(let x), .value(let y)):
      guard shape(x) == shape(y) else {
        throw node.unsupported("broadcast", "of \(shape(x)) and \(shape(y)) (only equal shapes are)")
      }
      try emit(.add(activation: .none), node, inputs: [x, y])
    case (.value(let x), .constant(let c)), (.constant(let c), .value(let x)):
      guard try foldBias(c, into: x, name: node.inputs[0...1].first { symbols[$0].isValue } ?? "") else {
        throw node.unsupported(
          "broadcast", "of a value \(shape(x)) and a constant \(c.shape) (only a bias after MatMul is)")
      }
      bind(node, output: 0, to: .value(x))
    case (.constant(let x), .constant(let y)):
      guard x.shape == y.shape else { throw node.unsupported("broadcast", "of constants \(x.shape) and \(y.shape)") }
      let sum = zip(x.floats, y.floats).map { $0 + $1 }
      if let xi = x.integers, let yi = y.integers, case .integers = x.elements {
        bind(node, output: 0, to: .constant(ONNXConstant(shape: x.shape, elements: .integers(zip(xi, yi).map(+)))))
      } else {
        bind(node, output: 0, to: .constant(ONNXConstant(shape: x.shape, elements: .floats(sum))))
      }
    }
  }

  /// Makes `bias` the bias of the linear layer producing `value`, when that layer has
  /// none and `name` (its ONNX output) is read only by this Add. Returns whether it did.
  mutating func foldBias(_ bias: ONNXConstant, into value: Graph.ValueID, name: String) throws(ONNXImportError) -> Bool
  {
    guard readers[name, default: 0] == 1,
      let index = graph.nodes.firstIndex(where: { $0.outputs.contains(value) }),
      case .linear(var linear) = graph.nodes[index].operation, linear.bias == nil,
      bias.count == linear.weight.shape[0], bias.shape.last == bias.count
    else { return false }
    linear.bias = bias.tensor(shape: [bias.count])
    graph.nodes[index].operation = .linear(linear)
    return true
  }
}

extension Optional where Wrapped == ONNXGraphBuilder.Symbol {
  var isValue: Bool {
    if case .value? = self { return true }
    return false
  }
}
