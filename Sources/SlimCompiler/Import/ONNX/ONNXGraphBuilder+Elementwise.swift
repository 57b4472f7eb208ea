extension ONNXGraphBuilder {
  /// Add, Sub, Mul or Div (`function`) with numpy broadcasting, operands of rank ≤ 4:
  /// - two values: `.add`/`.mul` (both commute), or a `.binary` Sub/Div;
  /// - a value and a constant: folded when it can be (`foldConstantOperand`: a MatMul's
  ///   bias, or a per-channel scale/shift on `[1, C, H, W]` that BatchNormFolding
  ///   merges into a preceding conv), else a `.binary` holding the constant;
  /// - two constants of one shape: computed at import (shape arithmetic).
  mutating func importElementwise(_ node: ONNXNode, _ function: GraphOperation.Binary.Function)
    throws(ONNXImportError)
  {
    try node.onlyAttributes([])
    guard node.inputs.count == 2 else { throw node.invalid("needs two inputs") }
    let a = try symbol(node.inputs[0], for: node), b = try symbol(node.inputs[1], for: node)
    switch (a, b) {
    case (.value(let x), .value(let y)):
      try broadcastable(shape(x), shape(y), node)
      // Commuting ops put the full-size operand first: the runtime's fast paths and its
      // in-place rule want `a` of the output's shape.
      let ordered = shape(x).reduce(1, *) >= shape(y).reduce(1, *) ? [x, y] : [y, x]
      switch function {
      case .add: try emit(.add(activation: .none), node, inputs: ordered)
      case .mul: try emit(.mul(activation: .none), node, inputs: ordered)
      case .sub, .div: try emit(.binary(.init(function)), node, inputs: [x, y])
      }
    case (.value(let x), .constant(let c)), (.constant(let c), .value(let x)):
      let constantFirst = !symbols[node.inputs[0]].isValue
      let shapeOfC = c.shape.isEmpty ? [1] : c.shape
      try broadcastable(shape(x), shapeOfC, node)
      guard c.floats.allSatisfy(\.isFinite) else { throw node.unsupported("constant", "with NaN or infinite values") }
      if try foldConstantOperand(function, c, constantFirst: constantFirst, x, node) { return }
      let binary = GraphOperation.Binary(function, constant: c.tensor(shape: shapeOfC), constantFirst: constantFirst)
      try emit(.binary(binary), node, inputs: [x])
    case (.constant(let x), .constant(let y)):
      bind(node, output: 0, to: .constant(try foldConstants(x, y, function, node)))
    }
  }

  /// Refuses operands that do not broadcast to one shape of rank 1...4, naming them.
  func broadcastable(_ a: [Int], _ b: [Int], _ node: ONNXNode) throws(ONNXImportError) {
    guard GraphOperation.broadcastShape(a, b) == nil else { return }
    throw node.unsupported("broadcast", "of \(a) and \(b) (operands must broadcast to one shape of rank 1...4)")
  }

  /// Two constants of one shape combined at import (shape arithmetic): integers wrapping
  /// (so hostile values cannot trap; integer Div truncates, and refuses a zero divisor),
  /// anything else in float.
  func foldConstants(
    _ x: ONNXConstant, _ y: ONNXConstant, _ function: GraphOperation.Binary.Function, _ node: ONNXNode
  ) throws(ONNXImportError) -> ONNXConstant {
    guard x.shape == y.shape else { throw node.unsupported("broadcast", "of constants \(x.shape) and \(y.shape)") }
    if let xi = x.integers, let yi = y.integers, case .integers = x.elements {
      if function == .div, yi.contains(0) { throw node.invalid("integer division by zero in constants") }
      let values = zip(xi, yi).map { p, q -> Int64 in
        switch function {
        case .add: return p &+ q
        case .sub: return p &- q
        case .mul: return p &* q
        case .div: return q == -1 ? 0 &- p : p / q
        }
      }
      return ONNXConstant(shape: x.shape, elements: .integers(values))
    }
    let binary = GraphOperation.Binary(function)
    let values = zip(x.floats, y.floats).map { Float(binary.apply(Double($0), Double($1))) }
    return ONNXConstant(shape: x.shape, elements: .floats(values))
  }
}

extension Optional where Wrapped == ONNXGraphBuilder.Symbol {
  var isValue: Bool {
    if case .value? = self { return true }
    return false
  }
}
