/// An inference graph as the offline tools see it: values (tensors flowing
/// between operations, with static shapes) and nodes in execution order.
///
/// Importers build it, passes rewrite it, the reference engine interprets it
/// and the lowering turns it into a `PackedModel`. Weights live inside the
/// operations (`GraphOperation`), so a pass that rewrites an operation rewrites its
/// weights with it and nothing can dangle.
public struct Graph: Sendable {
  /// Index of a value in `values`.
  public typealias ValueID = Int

  /// A tensor that flows between nodes: batch-1 NCHW activations or a flat `[1, F]` vector.
  public struct Value: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public init(name: String, shape: [Int]) {
      self.name = name
      self.shape = shape
    }
  }

  /// One operation with its inputs and outputs.
  public struct Node: Sendable {
    public var name: String
    public var operation: GraphOperation
    public var inputs: [ValueID]
    public var outputs: [ValueID]
    public init(name: String, operation: GraphOperation, inputs: [ValueID], outputs: [ValueID]) {
      self.name = name
      self.operation = operation
      self.inputs = inputs
      self.outputs = outputs
    }
  }

  public var values: [Value] = []
  public var nodes: [Node] = []
  public var inputs: [ValueID] = []
  public var outputs: [ValueID] = []

  public init() {}

  /// Adds a graph input of the given shape and returns its id.
  public mutating func addInput(name: String, shape: [Int]) -> ValueID {
    values.append(Value(name: name, shape: shape))
    inputs.append(values.count - 1)
    return values.count - 1
  }

  /// Appends a node, infers its output shape from its inputs and returns the output's id.
  ///
  /// Throws `GraphError.shapeMismatch` when the operation does not fit its inputs
  /// (for example a conv whose weight expects other channels), naming the node.
  @discardableResult
  public mutating func append(
    _ operation: GraphOperation, name: String, inputs: [ValueID]
  ) throws(GraphError) -> ValueID {
    for id in inputs where !values.indices.contains(id) {
      throw .unknownValue(node: name, value: id)
    }
    let shape = try operation.outputShape(for: inputs.map { values[$0].shape }, node: name)
    values.append(Value(name: name, shape: shape))
    let output = values.count - 1
    nodes.append(Node(name: name, operation: operation, inputs: inputs, outputs: [output]))
    return output
  }

  /// Number of nodes that read each value (graph outputs count as one reader).
  public func consumerCounts() -> [Int] {
    var counts = [Int](repeating: 0, count: values.count)
    for node in nodes { for id in node.inputs { counts[id] += 1 } }
    for id in outputs { counts[id] += 1 }
    return counts
  }

  /// The index of the node producing `value`, when no other node (and no graph
  /// output) reads that value: the condition for rewriting the producer in place.
  public func soleProducer(of value: ValueID) -> Int? {
    guard consumerCounts()[value] == 1 else { return nil }
    return nodes.firstIndex { $0.outputs.contains(value) }
  }
}
