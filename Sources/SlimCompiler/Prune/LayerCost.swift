/// Parameters and multiply-accumulates of each node, counted as the reference
/// scripts count parameters (`sum(p.nelement() for p in model.parameters())`:
/// conv and linear weights and biases, batch-norm γ and β, and a channel
/// selection's `indexes`, one per input channel).
public struct LayerCost: Sendable, Equatable {
  public var parameters: Int
  public var macs: Int

  /// Cost of node `index` of `graph`. O(1).
  public static func of(_ index: Int, in graph: Graph) -> LayerCost {
    let node = graph.nodes[index]
    let output = graph.values[node.outputs[0]].shape
    switch node.operation {
    case .conv2d(let conv):
      let spatial = output.dropFirst(2).reduce(1, *)
      let w = conv.weight.shape
      return LayerCost(parameters: node.operation.parameterCount, macs: w[0] * spatial * w[1] * w[2] * w[3])
    case .linear(let linear):
      return LayerCost(parameters: node.operation.parameterCount, macs: linear.weight.count)
    case .selectChannels:
      return LayerCost(parameters: graph.values[node.inputs[0]].shape[1], macs: 0)
    default:
      return LayerCost(parameters: node.operation.parameterCount, macs: 0)
    }
  }

  /// Sum over all nodes.
  public static func total(_ graph: Graph) -> LayerCost {
    graph.nodes.indices.reduce(LayerCost(parameters: 0, macs: 0)) {
      let c = of($1, in: graph)
      return LayerCost(parameters: $0.parameters + c.parameters, macs: $0.macs + c.macs)
    }
  }
}
