/// Removes the channels a `PrunePlan` drops: slices weights, batch norms and
/// selections, and rebuilds the graph so every shape is inferred anew. Node
/// names are kept, so the pruned graph maps back to the same state-dict keys.
enum PhysicalPruning {
  /// Cost: O(weights).
  static func prune(_ graph: Graph, plan: PrunePlan) throws(PruneError) -> Graph {
    var pruned = Graph()
    var newID: [Int: Int] = [:]
    for input in graph.inputs {
      newID[input] = pruned.addInput(name: graph.values[input].name, shape: graph.values[input].shape)
    }
    for node in graph.nodes {
      let keepIn = PrunePlan.kept(plan.keep[node.inputs[0]])
      let keepOut = PrunePlan.kept(plan.keep[node.outputs[0]])
      let operation = try rewrite(node, keepIn: keepIn, keepOut: keepOut, inputMask: plan.keep[node.inputs[0]])
      do {
        newID[node.outputs[0]] = try pruned.append(operation, name: node.name, inputs: node.inputs.map { newID[$0]! })
      } catch {
        throw .internalInconsistency("pruned node '\(node.name)' does not fit: \(error)")
      }
    }
    pruned.outputs = graph.outputs.map { newID[$0]! }
    return pruned
  }

  static func rewrite(
    _ node: Graph.Node, keepIn: [Int], keepOut: [Int], inputMask: [Bool]
  ) throws(PruneError) -> GraphOperation {
    switch node.operation {
    case .conv2d(var conv):
      if ChannelGroups.isDepthwise(conv) {
        conv.weight = conv.weight.rows(keepOut)
        conv.groups = keepOut.count
      } else if conv.groups == 1 {
        conv.weight = conv.weight.rows(keepOut).columns(keepIn)
      } else if keepIn.count != conv.weight.shape[1] * conv.groups || keepOut.count != conv.outChannels {
        throw .internalInconsistency("grouped conv '\(node.name)' cannot be pruned")
      }
      conv.bias = conv.bias?.rows(keepOut)
      return .conv2d(conv)
    case .linear(var linear):
      linear.weight = linear.weight.rows(keepOut).columns(keepIn)
      linear.bias = linear.bias?.rows(keepOut)
      return .linear(linear)
    case .batchNorm(let bn):
      return .batchNorm(bn.selecting(keepOut))
    case .selectChannels(let indexes):
      // New position of each kept input channel, then the kept outputs' sources.
      var position = [Int](repeating: -1, count: inputMask.count)
      for (new, old) in keepIn.enumerated() { position[old] = new }
      return .selectChannels(indexes: keepOut.map { position[indexes[$0]] })
    default:
      return node.operation
    }
  }
}
