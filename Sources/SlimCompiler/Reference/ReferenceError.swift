/// Why the reference engine could not run a graph.
public enum ReferenceError: Error, Equatable, CustomStringConvertible {
  case inputCount(expected: Int, actual: Int)
  case inputShape(expected: [Int], actual: [Int])
  case unsetValue(node: String)
  /// An input's data has another representation than the graph's input (`expected`).
  case inputType(expected: String)
  /// An input holds `actual` elements; the graph's input has `expected`.
  case inputSize(expected: Int, actual: Int)

  public var description: String {
    switch self {
    case .inputCount(let expected, let actual): return "the graph takes \(expected) inputs, got \(actual)"
    case .inputShape(let expected, let actual): return "input shape \(actual) does not match the graph's \(expected)"
    case .unsetValue(let node): return "node '\(node)' reads a value no earlier node computed"
    case .inputType(let expected): return "the graph's input is \(expected), and the input given is not"
    case .inputSize(let expected, let actual): return "the input has \(actual) elements, the graph's has \(expected)"
    }
  }
}
