extension Activation {
  /// `f` applied to every lane of `values`, for kernels that finish results in
  /// registers. ReLU and the clips are compares and selects (NaN stays NaN, as in
  /// `apply(_:input:output:count:)`); the other activations go through that
  /// function lane by lane, so each formula is written once. No allocation.
  @inline(__always)
  static func apply<V: SIMD>(_ kind: SlimActivation, to values: V) -> V where V.Scalar == Float {
    switch kind {
    case .none:
      return values
    case .relu:
      return values.replacing(with: 0, where: values .< 0)
    case .relu6:
      return clamp(values, 0, 6)
    case .clip(let low, let high):
      return clamp(values, low, high)
    default:
      return applyLaneByLane(kind, to: values)
    }
  }

  /// The other activations, out of line so that the common cases above stay small
  /// enough to inline into the kernels' store loops.
  @inline(never)
  private static func applyLaneByLane<V: SIMD>(_ kind: SlimActivation, to values: V) -> V where V.Scalar == Float {
    var result = values
    withUnsafeMutableBytes(of: &result) { bytes in
      let lanes = bytes.baseAddress!.assumingMemoryBound(to: Float.self)
      apply(kind, inPlace: lanes, count: V.scalarCount)
    }
    return result
  }

  /// Every lane limited to `[low, high]`; NaN stays NaN. Precondition: `low ≤ high`.
  @inline(__always)
  private static func clamp<V: SIMD>(_ values: V, _ low: Float, _ high: Float) -> V where V.Scalar == Float {
    let raised = values.replacing(with: low, where: values .< low)
    return raised.replacing(with: high, where: raised .> high)
  }
}
