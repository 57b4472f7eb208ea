extension ONNXGraphBuilder {
  /// Folds `x ∘ c` (or `c ∘ x` when `constantFirst`) into an existing or affine operation
  /// and binds the node's output; returns false when it cannot, leaving nothing changed:
  /// - Add `[O]` to a bias-free linear layer's output read only here: its bias;
  /// - a scalar or per-channel `c` over a `[1, C, H, W]` `x`: an affine batch norm (Add:
  ///   shift c; Sub: shift −c, or scale −1 and shift c for `c − x`; Mul: scale c; Div by
  ///   c: scale 1/c when every 1/c is a finite normal float, within 2 ulp of the division).
  /// Precondition: `c`'s values are finite.
  mutating func foldConstantOperand(
    _ function: GraphOperation.Binary.Function, _ c: ONNXConstant, constantFirst: Bool, _ x: Graph.ValueID,
    _ node: ONNXNode
  ) throws(ONNXImportError) -> Bool {
    let valueInput = constantFirst ? 1 : 0
    if function == .add, try foldBias(c, into: x, name: node.inputs[valueInput], biasInput: 1 - valueInput) {
      bind(node, output: 0, to: .value(x))
      return true
    }
    guard let values = perChannel(c, over: x) else { return false }
    let ones = [Float](repeating: 1, count: values.count), zeros = [Float](repeating: 0, count: values.count)
    let affine: (scale: [Float], shift: [Float])
    switch (function, constantFirst) {
    case (.add, _): affine = (ones, values)
    case (.sub, false): affine = (ones, values.map { -$0 })
    case (.sub, true): affine = (ones.map { -$0 }, values)
    case (.mul, _): affine = (values, zeros)
    case (.div, false):
      let reciprocals = values.map { 1 / $0 }
      guard reciprocals.allSatisfy(\.isNormal) else { return false }
      affine = (reciprocals, zeros)
    case (.div, true): return false
    }
    try emit(.batchNorm(.affine(scale: affine.scale, shift: affine.shift)), node, inputs: [x])
    return true
  }

  /// The per-channel values of constant `c` broadcast over the `[1, C, H, W]` value `x`,
  /// or nil: `c` must be a scalar or, aligned to the right as numpy broadcasting aligns
  /// it, 1 on every axis but the channel one (`[C, 1, 1]`, `[1, C, 1, 1]`).
  func perChannel(_ c: ONNXConstant, over x: Graph.ValueID) -> [Float]? {
    let s = shape(x)
    guard c.shape.count <= 4 else { return nil }
    let dims = Array(repeating: 1, count: 4 - c.shape.count) + c.shape
    guard s.count == 4, s[0] == 1, dims[0] == 1, dims[2] == 1, dims[3] == 1, dims[1] == 1 || dims[1] == s[1]
    else { return nil }
    let values = c.floats
    return values.count == 1 ? Array(repeating: values[0], count: s[1]) : values
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
