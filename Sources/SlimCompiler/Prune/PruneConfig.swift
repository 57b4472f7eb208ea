/// The `cfg` list Network Slimming's scripts save with a pruned model: one entry
/// per batch norm in graph order (its width, or for a batch norm read by a channel
/// selection the number of channels selected), and `'M'` for each max pool.
public struct PruneConfig: Sendable, Equatable, CustomStringConvertible {
  public enum Item: Sendable, Equatable {
    case width(Int)
    case maxPool
  }

  public var items: [Item]

  /// Reads the cfg off a (pruned) graph. Cost: O(nodes).
  public init(_ graph: Graph) {
    let topology = GraphTopology(graph)
    items = []
    for node in graph.nodes {
      switch node.operation {
      case .batchNorm(let bn):
        let selection = topology.consumers[node.outputs[0]].lazy.compactMap { index -> Int? in
          if case .selectChannels(let indexes) = graph.nodes[index].operation { return indexes.count }
          return nil
        }.first
        items.append(.width(selection ?? bn.channels))
      case .maxPool2d:
        items.append(.maxPool)
      default:
        break
      }
    }
  }

  public var widths: [Int] { items.compactMap { if case .width(let w) = $0 { w } else { nil } } }

  /// Python rendering: `[16, 'M', 32]`.
  public var description: String {
    "[" + items.map { if case .width(let w) = $0 { "\(w)" } else { "'M'" } }.joined(separator: ", ") + "]"
  }
}
