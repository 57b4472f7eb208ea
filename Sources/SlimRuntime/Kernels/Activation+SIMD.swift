extension Activation {
  /// The bounds of `kind` when it is a clamp (none, ReLU, ReLU6, clip), else nil.
  /// Kernels that finish results in registers look this up once per call, then
  /// `clamp` each vector; the other activations they apply to memory afterwards. O(1).
  static func clampBounds(_ kind: SlimActivation) -> (lower: Float, upper: Float)? {
    switch kind {
    case .none: return (-.infinity, .infinity)
    case .relu: return (0, .infinity)
    case .relu6: return (0, 6)
    case .clip(let low, let high): return (low, high)
    default: return nil
    }
  }

  /// Every lane limited to `bounds`; NaN stays NaN, as in `apply(_:input:output:count:)`.
  /// Written lane by lane (LLVM makes it compares and blends): the generic
  /// `replacing(with:where:)` and `.<` were left as calls and made the Winograd kernel
  /// 2x slower. `@_transparent` (inlined always, before optimization) because with
  /// 16-lane vectors `@inline(__always)` left it an out-of-line call in the pointwise
  /// kernel, passing each vector in four xmm registers. Precondition: `lower ≤ upper`.
  @_transparent
  static func clamp<V: SIMD>(_ values: V, _ bounds: (lower: Float, upper: Float)) -> V where V.Scalar == Float {
    var result = values
    for i in 0..<V.scalarCount { result[i] = clamp(values[i], bounds.lower, bounds.upper) }
    return result
  }
}

extension Activation {
  /// `output[i] = clamp(input[i], bounds)` for `i in 0..<count`, eight lanes at a time.
  /// Written out because LLVM keeps the scalar loop scalar when it runs in place (its
  /// overlap check fails for `output == input`), which held the ReLU after a channel
  /// affine to about one float per cycle. Same values as the scalar clamp.
  /// Preconditions: as `apply(_:input:output:count:)`; `lower ≤ upper`. Cost: O(count).
  @inline(__always)
  static func clamp(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int,
    _ bounds: (lower: Float, upper: Float)
  ) {
    var i = 0
    while i &+ 8 <= count {
      let v = UnsafeRawPointer(input + i).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(output + i).storeBytes(of: clamp(v, bounds), as: SIMD8<Float>.self)
      i &+= 8
    }
    while i < count {
      output[i] = clamp(input[i], bounds.lower, bounds.upper)
      i &+= 1
    }
  }
}
