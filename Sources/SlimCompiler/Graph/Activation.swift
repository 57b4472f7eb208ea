import Foundation

/// An activation that a producing operation applies to its own output.
///
/// Parameters are float32 because that is how ONNX attributes and the `.slim` file
/// store them; `apply` computes in Double (the reference engine's precision).
public enum Activation: Sendable, Equatable {
  case none, relu, relu6
  /// `x < 0 ? alpha·x : x` (ONNX LeakyRelu).
  case leakyRelu(alpha: Float)
  /// `1 / (1 + e^−x)`.
  case sigmoid
  /// `clamp(alpha·x + beta, 0, 1)` (ONNX HardSigmoid).
  case hardSigmoid(alpha: Float, beta: Float)
  /// `x · clamp(x/6 + 1/2, 0, 1)` (ONNX HardSwish, MobileNetV3).
  case hardSwish
  /// `clamp(x, min, max)`; a missing bound is ∓∞. Precondition: `min ≤ max`, neither NaN.
  case clip(min: Float, max: Float)

  /// Applies the activation to one value. NaN propagates.
  @inlinable
  public func apply(_ x: Double) -> Double {
    func clamp(_ v: Double, _ low: Double, _ high: Double) -> Double { v < low ? low : (v > high ? high : v) }
    switch self {
    case .none: return x
    case .relu: return x < 0 ? 0 : x
    case .relu6: return clamp(x, 0, 6)
    case .leakyRelu(let alpha): return x < 0 ? Double(alpha) * x : x
    case .sigmoid: return x < 0 ? Foundation.exp(x) / (1 + Foundation.exp(x)) : 1 / (1 + Foundation.exp(-x))
    case .hardSigmoid(let alpha, let beta): return clamp(Double(alpha) * x + Double(beta), 0, 1)
    case .hardSwish: return x * clamp(x / 6 + 0.5, 0, 1)
    case .clip(let low, let high): return clamp(x, Double(low), Double(high))
    }
  }

  /// Whether int8 kernels can apply it: as a clamp of the int8 output (none, ReLU,
  /// ReLU6). Layers with any other activation stay float32 under `--int8`.
  public var isInt8Clamp: Bool {
    switch self {
    case .none, .relu, .relu6: return true
    default: return false
    }
  }
}
