extension ReferenceEngine {
  /// `act(f(a, b))` in Double, element by element, with numpy broadcasting: the output
  /// has `GraphOperation.broadcastShape(a.shape, b.shape)` (checked by
  /// `GraphOperation.outputShape`), and an operand axis of extent 1 repeats.
  static func combine(
    _ a: Tensor, _ b: Tensor, _ activation: Activation, _ f: (Double, Double) -> Double
  ) -> Tensor {
    let shape = GraphOperation.broadcastShape(a.shape, b.shape)!
    let count = shape.reduce(1, *)
    /// The flat index in `operand` of output element `i`.
    func source(_ operand: [Int], _ i: Int) -> Int {
      let dims = Array(repeating: 1, count: shape.count - operand.count) + operand
      var rest = i, index = 0, step = 1
      for axis in stride(from: shape.count - 1, through: 0, by: -1) {
        let coordinate = rest % shape[axis]
        rest /= shape[axis]
        if dims[axis] != 1 { index += coordinate * step }
        step *= dims[axis]
      }
      return index
    }
    let scalars = (0..<count).map { i in
      Float(activation.apply(f(Double(a.scalars[source(a.shape, i)]), Double(b.scalars[source(b.shape, i)]))))
    }
    return Tensor(shape: shape, scalars: scalars)
  }
}
