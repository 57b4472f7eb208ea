extension GraphOperation {
  /// Learned parameters held by the operation, counted as PyTorch counts them
  /// (batch norm: γ and β; running statistics are buffers, not parameters).
  public var parameterCount: Int {
    switch self {
    case .conv2d(let conv): return conv.weight.count + (conv.bias?.count ?? 0)
    case .linear(let linear): return linear.weight.count + (linear.bias?.count ?? 0)
    case .batchNorm(let bn): return bn.gamma.count + bn.beta.count
    case .binary(let binary): return binary.constant?.count ?? 0
    case .activation, .maxPool2d, .avgPool2d, .globalAvgPool, .flatten, .add, .mul, .concat, .reshape, .pad,
      .upsampleNearest:
      return 0
    // PyTorch's `indexes` parameter has one entry per input channel, which the op does not know.
    case .selectChannels: return 0
    }
  }
}
