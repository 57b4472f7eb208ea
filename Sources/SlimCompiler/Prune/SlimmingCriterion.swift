/// Network Slimming's rule, as `vggprune.py` / `resprune.py` / `denseprune.py` apply it:
/// pool |γ| of every batch norm, sort ascending, `thre = sorted[int(total · percent)]`,
/// keep the channels with `|γ| > thre`.
///
/// A batch norm read only by channel selections is not narrowed; its selections keep
/// the channels over the threshold instead (the reference does the same). Any other
/// batch norm narrows its channel group, when the group can be pruned.
enum SlimmingCriterion {
  /// Cost: O(channels log channels + nodes · values) for the group checks.
  static func masks(
    _ graph: Graph, groups: ChannelGroups, topology: GraphTopology, options: PruneOptions
  ) throws(PruneError) -> ChannelMasks {
    let norms = graph.nodes.indices.compactMap { index -> (Int, GraphOperation.BatchNorm)? in
      if case .batchNorm(let bn) = graph.nodes[index].operation { return (index, bn) }
      return nil
    }
    let magnitudes = norms.flatMap { $0.1.gamma.scalars.map(abs) }
    guard !magnitudes.isEmpty else { throw .nothingToPrune("the model has no batch norm for --method slimming") }
    let sorted = magnitudes.sorted()
    // Python's int(total * percent): a Double product truncated toward zero.
    let threshold = sorted[min(Int(Double(sorted.count) * options.percent), sorted.count - 1)]
    var result = ChannelMasks()
    result.threshold = threshold

    for (index, bn) in norms {
      let node = graph.nodes[index]
      let scores = bn.gamma.scalars.map(abs)
      let wanted = scores.map { $0 > threshold }
      let readers = topology.consumers[node.outputs[0]]
      let selections = readers.filter {
        if case .selectChannels = graph.nodes[$0].operation { return true }
        return false
      }
      if !readers.isEmpty, selections.count == readers.count {
        for select in selections {
          guard case .selectChannels(let indexes) = graph.nodes[select].operation else { continue }
          var eligible = [Bool](repeating: false, count: bn.channels)
          for c in indexes { eligible[c] = true }
          let (keep, floored) = ChannelMasks.floor(
            wanted, scores: scores, eligible: eligible, minimum: options.minChannels)
          result.selectionKeep[select] = keep
          result.layers.append(
            .init(
              name: node.name, kind: .selection, before: indexes.count, after: keep.filter { $0 }.count,
              hitFloor: floored))
        }
        continue
      }
      let group = groups.groupOf[node.outputs[0]]
      var obstacle = PrunableGroup.obstacle(group, graph: graph, groups: groups, topology: topology)
      if obstacle == nil, PrunableGroup.feedsSelection(group, graph: graph, groups: groups, topology: topology) {
        obstacle = "its channels feed a channel selection (the architecture fixes this width)"
      }
      if let obstacle {
        result.layers.append(
          .init(
            name: node.name, kind: .fixed, before: bn.channels, after: bn.channels, hitFloor: false,
            note: obstacle))
        continue
      }
      let all = [Bool](repeating: true, count: bn.channels)
      let (own, floored) = ChannelMasks.floor(wanted, scores: scores, eligible: all, minimum: options.minChannels)
      // Batch norms of one group (tied by an add) keep the union of what each keeps.
      let keep = result.groupKeep[group].map { zip($0, own).map { $0 || $1 } } ?? own
      result.groupKeep[group] = keep
      result.layers.append(
        .init(name: node.name, kind: .narrowed, before: bn.channels, after: keep.filter { $0 }.count, hitFloor: floored)
      )
    }
    return result
  }
}
