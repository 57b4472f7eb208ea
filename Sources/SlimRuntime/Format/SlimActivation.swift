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

  /// How many of a record's params (the last ones) belong to the activation with
  /// `code`, or nil for an unknown code.
  public static func parameterCount(code: UInt8) -> Int? {
    switch code {
    case 0, 1, 2, 4, 6: return 0
    case 3: return 1
    case 5, 7: return 2
    default: return nil
    }
  }

  /// The activation's parameters as stored: IEEE-754 float32 bit patterns, in the
  /// order of the spec's table.
  public var parameterBits: [Int32] {
    func bits(_ value: Float) -> Int32 { Int32(bitPattern: value.bitPattern) }
    switch self {
    case .none, .relu, .relu6, .sigmoid, .hardSwish: return []
    case .leakyRelu(let alpha): return [bits(alpha)]
    case .hardSigmoid(let alpha, let beta): return [bits(alpha), bits(beta)]
    case .clip(let min, let max): return [bits(min), bits(max)]
    }
  }

  /// Decodes `code` with its parameters (`parameters.count` must be
  /// `parameterCount(code:)`). Throws the index of the first invalid parameter
  /// (NaN or infinite, except a `clip` bound, which may be ±∞ but not NaN, with
  /// `min ≤ max`), or `.unknownCode` for an unknown code or a wrong parameter count.
  public init(code: UInt8, parameters: ArraySlice<Int32>) throws(SlimActivationProblem) {
    guard Self.parameterCount(code: code) == parameters.count else { throw .unknownCode }
    let p = parameters.map { Float(bitPattern: UInt32(bitPattern: $0)) }
    func finite(_ i: Int) throws(SlimActivationProblem) -> Float {
      guard p[i].isFinite else { throw .parameter(i) }
      return p[i]
    }
    switch code {
    case 0: self = .none
    case 1: self = .relu
    case 2: self = .relu6
    case 3: self = .leakyRelu(alpha: try finite(0))
    case 4: self = .sigmoid
    case 5: self = .hardSigmoid(alpha: try finite(0), beta: try finite(1))
    case 6: self = .hardSwish
    default:
      guard !p[0].isNaN, p[0] < .infinity else { throw .parameter(0) }
      guard !p[1].isNaN, p[1] > -.infinity, p[0] <= p[1] else { throw .parameter(1) }
      self = .clip(min: p[0], max: p[1])
    }
  }
}
