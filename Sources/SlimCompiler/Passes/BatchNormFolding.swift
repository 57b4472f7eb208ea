/// Folds an inference batch norm into the convolution or linear layer that feeds it.
///
/// With `s = γ / √(σ² + ε)`, the pair `BN(conv(x))` equals a conv with weights
/// `W[o] · s[o]` and bias `(b[o] − μ[o]) · s[o] + β[o]`. Computing this in
/// `Double` keeps the folded model within float rounding of the original.
/// A batch norm is folded only when its producer has no other reader, so no
/// other consumer ever sees the changed weights.
public enum BatchNormFolding {
  /// Rewrites `graph` in place; returns the number of batch norms folded. Cost: O(weights).
  @discardableResult
  public static func apply(to graph: inout Graph) -> Int {
    graph.absorbIntoProducers { node, producer in
      guard case .batchNorm(let bn) = node else { return nil }
      return fold(bn, into: producer)
    }
  }

  /// The producer with `bn` folded in, or nil when the producer cannot absorb it
  /// (other op kinds, or an activation already fused before the batch norm).
  static func fold(_ bn: GraphOperation.BatchNorm, into producer: GraphOperation) -> GraphOperation? {
    let scale = (0..<bn.channels).map { c -> Double in
      let deviation = (Double(bn.runningVar.scalars[c]) + bn.epsilon).squareRoot()
      return Double(bn.gamma.scalars[c]) / deviation
    }
    func shift(_ bias: Tensor?) -> Tensor {
      let values = (0..<bn.channels).map { o -> Float in
        let centered: Double = Double(bias?.scalars[o] ?? 0) - Double(bn.runningMean.scalars[o])
        return Float(centered * scale[o] + Double(bn.beta.scalars[o]))
      }
      return Tensor(shape: [bn.channels], scalars: values)
    }
    func scaleRows(_ weight: Tensor) -> Tensor {
      let rowSize = weight.count / bn.channels
      var scalars = weight.scalars
      for k in scalars.indices { scalars[k] = Float(Double(scalars[k]) * scale[k / rowSize]) }
      return Tensor(shape: weight.shape, scalars: scalars)
    }

    switch producer {
    case .conv2d(var conv) where conv.activation == .none && conv.outChannels == bn.channels:
      conv.weight = scaleRows(conv.weight)
      conv.bias = shift(conv.bias)
      return .conv2d(conv)
    case .linear(var linear) where linear.activation == .none && linear.weight.shape[0] == bn.channels:
      linear.weight = scaleRows(linear.weight)
      linear.bias = shift(linear.bias)
      return .linear(linear)
    default:
      return nil
    }
  }
}
