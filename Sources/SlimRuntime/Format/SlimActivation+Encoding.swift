/// How activations are stored in an operator record: the code's parameter count, and
/// the parameters as float32 bit patterns. Used when loading (validation) and packing,
/// never while running, so it lives apart from the enum the kernels switch on (which
/// `Tools/firmware/build.sh` compiles under `-no-allocations`).
extension SlimActivation {
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
