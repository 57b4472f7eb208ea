/// An activation that a producing operation applies to its own output.
public enum Activation: String, Sendable, Equatable {
  case none, relu, relu6

  /// Applies the activation to one value.
  @inlinable
  public func apply(_ x: Double) -> Double {
    switch self {
    case .none: return x
    case .relu: return max(x, 0)
    case .relu6: return min(max(x, 0), 6)
    }
  }
}
