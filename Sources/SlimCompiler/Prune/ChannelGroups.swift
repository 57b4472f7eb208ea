/// Values whose channels are tied one-to-one, found on the `Graph` alone: a batch
/// norm, activation, pooling or depthwise conv keeps channel `c` in place, and a
/// residual `add` ties all its inputs and its output. Pruning channel `c` of one
/// member means pruning it in every member, so a criterion decides per group.
///
/// Ops that map channels in other ways start new groups and are handled by
/// `PrunePlan` when masks propagate: a conv or linear layer (new output channels),
/// `concat` (input channel `c` of part `i` is output channel `offset_i + c`),
/// `selectChannels` (output `k` is input `indexes[k]`) and `flatten` (channel `c`
/// becomes the block of features `c·HW ..< (c+1)·HW`).
public struct ChannelGroups: Sendable {
  /// Group of every value (a representative value id).
  public private(set) var groupOf: [Int]

  /// Cost: O(nodes · α) with union-find.
  public init(_ graph: Graph) {
    var parent = Array(graph.values.indices)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    for node in graph.nodes where Self.tiesChannels(node, in: graph) {
      for input in node.inputs { parent[find(input)] = find(node.outputs[0]) }
    }
    groupOf = graph.values.indices.map(find)
  }

  /// Whether `node` keeps channel `c` of its inputs as channel `c` of its output.
  public static func tiesChannels(_ node: Graph.Node, in graph: Graph) -> Bool {
    switch node.operation {
    case .batchNorm, .activation, .maxPool2d, .avgPool2d, .globalAvgPool, .pad, .upsampleNearest: return true
    // Channel c of each operand is channel c of the sum only without other broadcasts.
    case .add, .mul:
      let a = graph.values[node.inputs[0]].shape, b = graph.values[node.inputs[1]].shape
      return a == b || GraphOperation.isPerChannel(b, over: a) || GraphOperation.isPerChannel(a, over: b)
    case .conv2d(let conv): return isDepthwise(conv)
    default: return false
    }
  }

  /// A conv with one input and one output channel per group (channel `c` in, channel `c` out).
  public static func isDepthwise(_ conv: GraphOperation.Conv2D) -> Bool {
    conv.groups > 1 && conv.weight.shape[1] == 1 && conv.outChannels == conv.groups
  }

  /// The values of group `group`.
  public func members(of group: Int) -> [Int] { groupOf.indices.filter { groupOf[$0] == group } }
}
