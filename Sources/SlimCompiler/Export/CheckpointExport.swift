/// Turns a pruned graph back into the state dict the family's PyTorch code builds
/// from the new cfg: every key of the source state dict, in its order, with the
/// tensor of the graph node named by the key's module path (`layer1.0.conv1.weight`
/// → node `layer1.0.conv1`). Keys no node owns are copied; `num_batches_tracked` is 0 as in the reference's
/// freshly built model.
///
/// This relies on one convention only: builders name nodes by module path.
public enum CheckpointExport {
  /// Cost: O(tensor sizes).
  public static func stateDict(_ graph: Graph, source: StateDict) throws(PruneError) -> [(key: String, tensor: Tensor)]
  {
    var nodes: [String: Int] = [:]
    for (index, node) in graph.nodes.enumerated() { nodes[node.name] = index }
    var result: [(key: String, tensor: Tensor)] = []
    for (key, original) in source.entries {
      guard let dot = key.lastIndex(of: ".") else {
        result.append((key, original))
        continue
      }
      let module = String(key[..<dot])
      let field = String(key[key.index(after: dot)...])
      guard let index = nodes[module] else {
        result.append((key, original))
        continue
      }
      guard let tensor = try tensor(field, of: graph.nodes[index], in: graph, original: original) else {
        result.append((key, original))
        continue
      }
      guard tensor.rank == original.rank || original.rank == 0 else {
        throw .export("'\(key)' changed rank from \(original.shape) to \(tensor.shape)")
      }
      result.append((key, tensor))
    }
    return result
  }

  /// The tensor a node holds under `field`, or nil when the node has no such field.
  static func tensor(_ field: String, of node: Graph.Node, in graph: Graph, original: Tensor) throws(PruneError)
    -> Tensor?
  {
    switch (node.operation, field) {
    case (.conv2d(let conv), "weight"): return conv.weight
    case (.conv2d(let conv), "bias"): return conv.bias
    case (.linear(let linear), "weight"): return linear.weight
    case (.linear(let linear), "bias"): return linear.bias
    case (.batchNorm(let bn), "weight"): return bn.gamma
    case (.batchNorm(let bn), "bias"): return bn.beta
    case (.batchNorm(let bn), "running_mean"): return bn.runningMean
    case (.batchNorm(let bn), "running_var"): return bn.runningVar
    case (.batchNorm, "num_batches_tracked"):
      // The reference scripts copy weights into a freshly built model, whose counters are 0.
      return Tensor(shape: original.shape, scalars: [Float](repeating: 0, count: original.count), sourceDType: .int64)
    case (.selectChannels(let indexes), "indexes"):
      // channel_selection's parameter: 1 for each selected input channel, 0 elsewhere.
      let width = graph.values[node.inputs[0]].shape[1]
      var mask = [Float](repeating: 0, count: width)
      for i in indexes { mask[i] = 1 }
      guard indexes == indexes.sorted(), Set(indexes).count == indexes.count else {
        throw .export("selection '\(node.name)' reorders channels, which channel_selection cannot express")
      }
      return Tensor(shape: [width], scalars: mask)
    default: return nil
    }
  }

  /// The cfg as the checkpoint stores it.
  public static func configItems(_ config: PruneConfig) -> [TorchCheckpointWriter.ConfigItem] {
    config.items.map {
      switch $0 {
      case .width(let w): .int(w)
      case .maxPool: .string("M")
      }
    }
  }
}
