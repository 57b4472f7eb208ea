extension ONNXGraphBuilder {
  /// `Y = alpha · A · op(B) + beta · C` with A a `[1, F]` value and B, C constants: a linear
  /// layer whose weight is `alpha · B` (transposed unless `transB`) and bias `beta · C`.
  mutating func importGemm(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["alpha", "beta", "transA", "transB"])
    if try node.int("transA", default: 0) != 0 { throw node.unsupported("transA", "= 1") }
    let a = try value(node.inputs.first ?? "", for: node)
    guard let b = try constant(1, of: node), b.shape.count == 2 else { throw node.invalid("B must be a 2-D constant") }
    let alpha = node.float("alpha", default: 1), beta = node.float("beta", default: 1)
    var weight = try node.int("transB", default: 0) != 0 ? b.tensor() : Self.transposed(b)
    if alpha != 1 { weight.scalars = weight.scalars.map { $0 * alpha } }
    var bias: Tensor?
    if let c = try constant(2, of: node) {
      let outputs = weight.shape[0]
      let values: [Float]
      if c.count == outputs, c.shape.count <= 1 || c.shape == [1, outputs] {
        values = c.floats
      } else if c.count == 1 {
        values = [Float](repeating: c.floats[0], count: outputs)
      } else {
        throw node.unsupported("C", "of shape \(c.shape) (only a scalar, [N] or [1, N] bias is)")
      }
      bias = Tensor(shape: [outputs], scalars: values.map { $0 * beta })
    }
    try emit(.linear(GraphOperation.Linear(weight: weight, bias: bias)), node, inputs: [a])
  }

  /// `A · B` with A a `[1, F]` value and B a `[F, O]` constant: a linear layer without bias
  /// (a following `Add` of a `[O]` constant becomes its bias).
  mutating func importMatMul(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes([])
    let a = try value(node.inputs.first ?? "", for: node)
    guard let b = try constant(1, of: node), b.shape.count == 2 else { throw node.invalid("B must be a 2-D constant") }
    try emit(.linear(GraphOperation.Linear(weight: Self.transposed(b))), node, inputs: [a])
  }

  /// A 2-D constant transposed into a float tensor. Cost: O(elements).
  static func transposed(_ matrix: ONNXConstant) -> Tensor {
    let (rows, columns) = (matrix.shape[0], matrix.shape[1])
    let values = matrix.floats
    var result = [Float](repeating: 0, count: values.count)
    for r in 0..<rows { for c in 0..<columns { result[c * rows + r] = values[r * columns + c] } }
    return Tensor(shape: [columns, rows], scalars: result)
  }
}
