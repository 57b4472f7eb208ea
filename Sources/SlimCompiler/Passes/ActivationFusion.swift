/// Fuses a standalone activation into the conv, linear or add that produces its input,
/// so the runtime applies it while the output is still in registers.
public enum ActivationFusion {
  /// Rewrites `graph` in place; returns the number of activations fused.
  @discardableResult
  public static func apply(to graph: inout Graph) -> Int {
    graph.absorbIntoProducers { node, producer in
      guard case .activation(let activation) = node else { return nil }
      return fuse(activation, into: producer)
    }
  }

  static func fuse(_ activation: Activation, into producer: GraphOperation) -> GraphOperation? {
    switch producer {
    case .conv2d(var conv) where conv.activation == .none:
      conv.activation = activation
      return .conv2d(conv)
    case .linear(var linear) where linear.activation == .none:
      linear.activation = activation
      return .linear(linear)
    case .add(.none):
      return .add(activation: activation)
    case .mul(.none):
      return .mul(activation: activation)
    case .binary(var binary) where binary.activation == .none:
      binary.activation = activation
      return .binary(binary)
    default:
      return nil
    }
  }
}
