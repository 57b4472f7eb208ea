/// Why the reference engine could not run a graph.
public enum ReferenceError: Error, Equatable, CustomStringConvertible {
  case inputCount(expected: Int, actual: Int)
  case inputShape(expected: [Int], actual: [Int])
  case unsetValue(node: String)

  public var description: String {
    switch self {
    case .inputCount(let expected, let actual): return "the graph takes \(expected) inputs, got \(actual)"
    case .inputShape(let expected, let actual): return "input shape \(actual) does not match the graph's \(expected)"
    case .unsetValue(let node): return "node '\(node)' reads a value no earlier node computed"
    }
  }
}
