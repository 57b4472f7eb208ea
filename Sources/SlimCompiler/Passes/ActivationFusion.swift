/// Fuses a standalone activation into the conv, linear or add that produces its input,
/// so the runtime applies it while the output is still in registers.
public enum ActivationFusion {
  /// Rewrites `graph` in place; returns the number of activations fused.
  @discardableResult
  public static func apply(to graph: inout Graph) -> Int {
    var fused = 0
    var index = 0
    while index < graph.nodes.count {
      let node = graph.nodes[index]
      guard case .activation(let activation) = node.operation,
        let producerIndex = graph.soleProducer(of: node.inputs[0]),
        let rewritten = fuse(activation, into: graph.nodes[producerIndex].operation)
      else {
        index += 1
        continue
      }
      graph.nodes[producerIndex].operation = rewritten
      graph.nodes[producerIndex].outputs = node.outputs
      graph.nodes.remove(at: index)
      fused += 1
    }
    return fused
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
    default:
      return nil
    }
  }
}
