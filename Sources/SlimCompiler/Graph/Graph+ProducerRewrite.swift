extension Graph {
  /// Merges single-input nodes into the node that produces their input.
  ///
  /// For each node, in order, `absorb(node, producer)` is offered the node's
  /// operation and its producer's; when it returns a rewritten producer, the
  /// producer takes the node's output and the node is removed. A producer whose
  /// output has another reader (or is a graph output) is never offered, so no
  /// other consumer sees a changed value. Returns the number of nodes merged.
  /// Cost: O(nodes²) (consumer counts are recomputed per merge; graphs are small).
  @discardableResult
  public mutating func absorbIntoProducers(
    _ absorb: (_ node: GraphOperation, _ producer: GraphOperation) -> GraphOperation?
  ) -> Int {
    var merged = 0
    var index = 0
    while index < nodes.count {
      let node = nodes[index]
      guard node.inputs.count == 1, let producerIndex = soleProducer(of: node.inputs[0]),
        let rewritten = absorb(node.operation, nodes[producerIndex].operation)
      else {
        index += 1
        continue
      }
      nodes[producerIndex].operation = rewritten
      nodes[producerIndex].outputs = node.outputs
      nodes.remove(at: index)
      merged += 1
    }
    return merged
  }
}
