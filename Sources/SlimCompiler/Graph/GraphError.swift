/// Why a graph could not be built or rewritten.
public enum GraphError: Error, Equatable, CustomStringConvertible {
  case unknownValue(node: String, value: Int)
  case shapeMismatch(node: String, detail: String)

  public var description: String {
    switch self {
    case .unknownValue(let node, let value):
      return "node '\(node)' reads value #\(value), which does not exist"
    case .shapeMismatch(let node, let detail):
      return "node '\(node)': \(detail)"
    }
  }
}
