/// Filter pruning by weight norm (Li et al., "Pruning Filters for Efficient ConvNets"):
/// in every prunable group, remove the `ratio` fraction of channels whose filters
/// have the smallest L1 (or L2) norm, summed over the group's producing layers.
///
/// Groups that feed a channel selection (pre-activation trunks) keep their width:
/// the architecture fixes it.
enum NormCriterion {
  /// Cost: O(weights + nodes · values).
  static func masks(
    _ graph: Graph, groups: ChannelGroups, topology: GraphTopology, options: PruneOptions
  ) throws(PruneError) -> ChannelMasks {
    var result = ChannelMasks()
    var seen = Set<Int>()
    var layerNames = Set<String>()
    for node in graph.nodes {
      let rows: Tensor
      switch node.operation {
      case .conv2d(let conv) where conv.groups == 1: rows = conv.weight
      case .linear(let linear): rows = linear.weight
      default: continue
      }
      layerNames.insert(node.name)
      let group = groups.groupOf[node.outputs[0]]
      guard !seen.contains(group) else { continue }
      seen.insert(group)
      let channels = rows.shape[0]
      if let obstacle = PrunableGroup.obstacle(group, graph: graph, groups: groups, topology: topology)
        ?? (PrunableGroup.feedsSelection(group, graph: graph, groups: groups, topology: topology)
          ? "its channels feed a channel selection (the architecture fixes this width)" : nil)
      {
        if !graph.outputs.contains(node.outputs[0]) {
          result.layers.append(
            .init(name: node.name, kind: .fixed, before: channels, after: channels, hitFloor: false, note: obstacle))
        }
        continue
      }
      let scores = filterNorms(
        of: group, graph: graph, groups: groups, topology: topology, channels: channels,
        squared: options.method == .l2)
      let ratio = options.layerRatios[node.name] ?? options.ratio
      let remove = Int(Double(channels) * ratio)
      let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
      var keep = [Bool](repeating: true, count: channels)
      for c in order.prefix(remove) { keep[c] = false }
      let (floored, hit) = ChannelMasks.floor(
        keep, scores: scores, eligible: Array(repeating: true, count: channels), minimum: options.minChannels)
      result.groupKeep[group] = floored
      result.layers.append(
        .init(name: node.name, kind: .narrowed, before: channels, after: floored.filter { $0 }.count, hitFloor: hit))
    }
    if let unknown = options.layerRatios.keys.sorted().first(where: { !layerNames.contains($0) }) {
      throw .invalidOption("the ratio file names '\(unknown)', which is not a conv or linear layer of the model")
    }
    guard !result.groupKeep.isEmpty else { throw .nothingToPrune("no conv or linear layer can lose filters") }
    return result
  }

  /// Per output channel, the sum over the group's producing conv/linear layers of the
  /// filter's L1 norm (L2 when `squared`).
  static func filterNorms(
    of group: Int, graph: Graph, groups: ChannelGroups, topology: GraphTopology, channels: Int, squared: Bool
  ) -> [Float] {
    var scores = [Double](repeating: 0, count: channels)
    for value in groups.members(of: group) {
      guard let producer = topology.producer[value] else { continue }
      let weight: Tensor
      switch graph.nodes[producer].operation {
      case .conv2d(let conv) where conv.groups == 1: weight = conv.weight
      case .linear(let linear): weight = linear.weight
      default: continue
      }
      let row = weight.count / channels
      for c in 0..<channels {
        let filter = weight.scalars[c * row..<(c + 1) * row]
        scores[c] +=
          squared
          ? filter.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
          : filter.reduce(0.0) { $0 + Double(abs($1)) }
      }
    }
    return scores.map { Float($0) }
  }
}
