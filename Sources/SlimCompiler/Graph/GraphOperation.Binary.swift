extension GraphOperation {
  /// An element-wise `a ∘ b` with numpy broadcasting (`GraphOperation.broadcastShape`):
  /// Sub or Div of two values, or any of the four functions of a value and a constant
  /// operand stored here (ONNX's Add/Sub/Mul/Div with a constant that is not folded).
  public struct Binary: Sendable {
    public enum Function: Sendable, Equatable {
      case add, sub, mul, div
    }

    public var function: Function
    /// The constant operand, or nil when both operands are values.
    public var constant: Tensor?
    /// Whether the constant is the first operand (`c − x`, `c / x`); false without a constant.
    public var constantFirst: Bool
    public var activation: Activation

    public init(
      _ function: Function, constant: Tensor? = nil, constantFirst: Bool = false, activation: Activation = .none
    ) {
      self.function = function
      self.constant = constant
      self.constantFirst = constant != nil && constantFirst
      self.activation = activation
    }

    /// The operand shapes in order (`a`, `b`), given the value inputs' shapes.
    public func operandShapes(_ inputs: [[Int]]) -> [[Int]] {
      guard let constant else { return inputs }
      return constantFirst ? [constant.shape] + inputs : inputs + [constant.shape]
    }

    /// `f(a, b)` in Double (the reference engine's arithmetic).
    public func apply(_ a: Double, _ b: Double) -> Double {
      switch function {
      case .add: return a + b
      case .sub: return a - b
      case .mul: return a * b
      case .div: return a / b
      }
    }
  }
}
