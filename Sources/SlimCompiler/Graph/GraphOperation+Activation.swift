extension GraphOperation {
  /// The activation this operation applies to its output (`.none` for operations that have none).
  public var fusedActivation: Activation {
    switch self {
    case .conv2d(let conv): return conv.activation
    case .linear(let linear): return linear.activation
    case .add(let activation), .mul(let activation), .activation(let activation): return activation
    case .binary(let binary): return binary.activation
    default: return .none
    }
  }

  /// Whether an int8 kernel can apply `fusedActivation` (see `Activation.isInt8Clamp`).
  var fusedActivationIsInt8Clamp: Bool { fusedActivation.isInt8Clamp }
}
