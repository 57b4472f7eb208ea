/// Who reads and who writes each value of a graph, computed once.
struct GraphTopology {
  /// Node indices reading each value.
  var consumers: [[Int]]
  /// Node index writing each value (nil for graph inputs).
  var producer: [Int?]

  /// Cost: O(nodes + values).
  init(_ graph: Graph) {
    consumers = Array(repeating: [], count: graph.values.count)
    producer = Array(repeating: nil, count: graph.values.count)
    for (index, node) in graph.nodes.enumerated() {
      for input in node.inputs { consumers[input].append(index) }
      for output in node.outputs { producer[output] = index }
    }
  }
}
