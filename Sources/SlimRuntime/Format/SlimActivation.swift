/// Activation applied to an operator's output (record field `activation`, plus the
/// record's trailing activation parameters for the parameterized kinds; see
/// "Fused activations" in `Formats/slim-v1.md`).
///
/// Codes 0–2 are format 1.0; codes 3–7 are format 1.2. Parameters are float32 and
/// validated at load (finite, and `min ≤ max` for `clip`), so kernels need no checks.
public enum SlimActivation: Equatable, Sendable {
  case none
  case relu
  case relu6
  /// `x < 0 ? alpha·x : x`.
  case leakyRelu(alpha: Float)
  /// `1 / (1 + e^−x)`.
  case sigmoid
  /// `clamp(alpha·x + beta, 0, 1)`.
  case hardSigmoid(alpha: Float, beta: Float)
  /// `x · clamp(x/6 + 1/2, 0, 1)` (MobileNetV3).
  case hardSwish
  /// `clamp(x, min, max)`; a missing bound is ∓∞.
  case clip(min: Float, max: Float)

  /// The record's `activation` byte.
  public var code: UInt8 {
    switch self {
    case .none: return 0
    case .relu: return 1
    case .relu6: return 2
    case .leakyRelu: return 3
    case .sigmoid: return 4
    case .hardSigmoid: return 5
    case .hardSwish: return 6
    case .clip: return 7
    }
  }
}
