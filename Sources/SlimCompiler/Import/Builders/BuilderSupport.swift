/// What the family builders (VGG, pre-activation ResNet, DenseNet) share: the linear
/// classifier head and the mapping of everything a builder can throw to the importer's
/// error type.
enum BuilderSupport {
  /// Appends the classifier `Linear(<key>.weight, <key>.bias)`, named `key`, on the
  /// flattened features `input`, after checking that the weight reads exactly that
  /// many features. Returns the new value.
  static func appendLinearHead(
    _ graph: inout Graph, _ weights: StateDict, input: Int, key: String
  ) throws -> Int {
    let features = graph.values[input].shape[1]
    let weight = try weights.tensor("\(key).weight")
    guard weight.rank == 2, weight.shape[1] == features else {
      throw ModelImportError.unexpectedShape(
        key: "\(key).weight", expected: [weight.shape.first ?? 0, features], found: weight.shape)
    }
    let bias = try weights.tensor("\(key).bias", shape: [weight.shape[0]])
    return try graph.append(.linear(.init(weight: weight, bias: bias)), name: key, inputs: [input])
  }

  /// A builder's failure as a `ModelImportError`: graph errors are wrapped, import
  /// errors pass through, anything else (a bug) becomes a shape mismatch that says what it was.
  static func importError(_ error: any Error) -> ModelImportError {
    switch error {
    case let error as GraphError: return .graph(error)
    case let error as ModelImportError: return error
    default: return .graph(.shapeMismatch(node: "?", detail: "\(error)"))
    }
  }
}
