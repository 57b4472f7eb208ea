/// Whether a tied channel group can lose channels, decided from the ops around it.
enum PrunableGroup {
  /// Nil when every member of `group` is written by an op that can drop output
  /// channels (conv, linear, or a channel-tying op of the group) and read only by
  /// ops that can drop input channels; otherwise the reason it cannot be pruned.
  static func obstacle(
    _ group: Int, graph: Graph, groups: ChannelGroups, topology: GraphTopology
  ) -> String? {
    for value in groups.members(of: group) {
      if graph.inputs.contains(value) { return "it is the graph input" }
      if graph.outputs.contains(value) { return "it is a graph output" }
      guard let producer = topology.producer[value] else { return "no producer" }
      let writer = graph.nodes[producer]
      switch writer.operation {
      case .conv2d(let conv) where conv.groups == 1 || ChannelGroups.isDepthwise(conv): break
      case .linear: break
      default:
        guard ChannelGroups.tiesChannels(writer, in: graph) else {
          return "'\(writer.name)' cannot drop output channels"
        }
      }
      for consumer in topology.consumers[value] {
        let reader = graph.nodes[consumer]
        switch reader.operation {
        case .conv2d(let conv) where conv.groups == 1 || ChannelGroups.isDepthwise(conv): break
        case .linear, .flatten, .concat, .selectChannels: break
        default:
          guard ChannelGroups.tiesChannels(reader, in: graph) else {
            return "'\(reader.name)' cannot drop input channels"
          }
        }
      }
    }
    return nil
  }

  /// Whether any member of `group` is read by a channel selection: the group is a
  /// pre-activation trunk whose width the architecture fixes (the residual width);
  /// pruning sets the selection instead.
  static func feedsSelection(_ group: Int, graph: Graph, groups: ChannelGroups, topology: GraphTopology) -> Bool {
    groups.members(of: group).contains { value in
      topology.consumers[value].contains {
        if case .selectChannels = graph.nodes[$0].operation { return true }
        return false
      }
    }
  }
}
