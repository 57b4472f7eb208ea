/// The keep mask of every value's channels (features for `[1, F]` values), derived
/// from a criterion's `ChannelMasks` by walking the graph in order.
struct PrunePlan {
  /// Per value id, which of its channels survive.
  var keep: [[Bool]]

  /// Cost: O(nodes + total channels).
  init(_ graph: Graph, groups: ChannelGroups, masks: ChannelMasks) throws(PruneError) {
    keep = graph.values.map { [Bool](repeating: true, count: $0.shape.count >= 2 ? $0.shape[1] : 1) }
    for node in graph.nodes {
      let output = node.outputs[0]
      if let group = masks.groupKeep[groups.groupOf[output]] {
        keep[output] = group
        continue
      }
      switch node.operation {
      case .selectChannels(let indexes):
        let input = keep[node.inputs[0]]
        let chosen = masks.selectionKeep[graph.nodes.firstIndex { $0.outputs == node.outputs }!]
        keep[output] = indexes.map { input[$0] && (chosen?[$0] ?? true) }
      case .concat(let axis) where axis == 1:
        keep[output] = node.inputs.flatMap { keep[$0] }
      case .flatten:
        let shape = graph.values[node.inputs[0]].shape
        let block = shape.dropFirst(2).reduce(1, *)
        keep[output] = keep[node.inputs[0]].flatMap { Array(repeating: $0, count: block) }
      default:
        if ChannelGroups.tiesChannels(node, in: graph) { keep[output] = keep[node.inputs[0]] }
      }
      guard keep[output].count == (graph.values[output].shape.count >= 2 ? graph.values[output].shape[1] : 1) else {
        throw .internalInconsistency("mask of '\(node.name)' does not fit its shape")
      }
    }
  }

  /// Indices of the kept entries of `mask`.
  static func kept(_ mask: [Bool]) -> [Int] { mask.indices.filter { mask[$0] } }
}
