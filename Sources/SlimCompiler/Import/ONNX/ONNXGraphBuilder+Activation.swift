extension ONNXGraphBuilder {
  mutating func importRelu(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes([])
    try emit(.activation(.relu), node, inputs: [try value(node.inputs.first ?? "", for: node)])
  }

  /// LeakyRelu(alpha = 0.01), Sigmoid, HardSigmoid(alpha = 0.2, beta = 0.5) and
  /// HardSwish (opset 14 on), as standalone activations that fusion later moves into
  /// the producing conv or linear layer. Parameters must be finite: the `.slim` file
  /// rejects anything else.
  mutating func importActivation(_ node: ONNXNode) throws(ONNXImportError) {
    func finite(_ name: String, default value: Float) throws(ONNXImportError) -> Float {
      let v = node.float(name, default: value)
      guard v.isFinite else { throw node.unsupported(name, "= \(v) (only finite values are)") }
      return v
    }
    let activation: Activation
    switch node.op {
    case "LeakyRelu":
      try node.onlyAttributes(["alpha"])
      activation = .leakyRelu(alpha: try finite("alpha", default: 0.01))
    case "HardSigmoid":
      try node.onlyAttributes(["alpha", "beta"])
      activation = .hardSigmoid(alpha: try finite("alpha", default: 0.2), beta: try finite("beta", default: 0.5))
    case "HardSwish":
      // HardSwish entered the default domain in opset 14.
      guard opset >= 14 else { throw .unsupportedOperator(op: node.op, node: node.name, opset: opset) }
      try node.onlyAttributes([])
      activation = .hardSwish
    default:
      try node.onlyAttributes([])
      activation = .sigmoid
    }
    try emit(.activation(activation), node, inputs: [try value(node.inputs.first ?? "", for: node)])
  }

  /// Clip with constant bounds: attributes `min`/`max` before opset 11 (defaults ∓FLT_MAX),
  /// optional scalar constant inputs from 11 on (absent: ∓∞). [0, 6] is ReLU6 and
  /// [0, +∞) ReLU (so int8 keeps its clamp); other bounds are a clip activation.
  /// `min > max` gives `max` everywhere, as ONNX specifies (numpy's rule).
  mutating func importClip(_ node: ONNXNode) throws(ONNXImportError) {
    let x = try value(node.inputs.first ?? "", for: node)
    var low: Float, high: Float
    if opset < 11 {
      try node.onlyAttributes(["min", "max"])
      guard node.inputs.count == 1 else { throw node.invalid("takes one input before opset 11") }
      low = node.float("min", default: -.greatestFiniteMagnitude)
      high = node.float("max", default: .greatestFiniteMagnitude)
    } else {
      try node.onlyAttributes([])
      func bound(_ index: Int, default value: Float) throws(ONNXImportError) -> Float {
        guard let c = try constant(index, of: node) else { return value }
        guard c.count == 1, let v = c.floats.first else {
          throw node.unsupported(index == 1 ? "min" : "max", "of shape \(c.shape) (only a scalar is)")
        }
        return v
      }
      low = try bound(1, default: -.infinity)
      high = try bound(2, default: .infinity)
    }
    guard !low.isNaN, !high.isNaN else { throw node.unsupported("min/max", "= [\(low), \(high)] (NaN bounds)") }
    if low > high { low = high }
    let activation: Activation
    switch (low, high) {
    case (0, 6): activation = .relu6
    case (0, .infinity): activation = .relu
    case (-.infinity, .infinity): return bind(node, output: 0, to: .value(x))  // the identity
    default: activation = .clip(min: low, max: high)
    }
    try emit(.activation(activation), node, inputs: [x])
  }
}
