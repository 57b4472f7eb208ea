/// The one place fused and standalone activations are applied.
enum Activation {
  /// `output[i] = f(input[i])` for `i in 0..<count`.
  ///
  /// `input` and `output` may be the same pointer (in place); they must not
  /// otherwise overlap except via the memmove-safe copy for `.none`.
  /// Cost: O(count); a no-op for `.none` in place.
  static func apply(
    _ kind: SlimActivation, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int
  ) {
    switch kind {
    case .none:
      if UnsafePointer(output) != input { output.update(from: input, count: count) }
    case .relu:
      // `x < 0 ? 0 : x` (not `max`) so NaN propagates as in PyTorch.
      for i in 0..<count {
        let x = input[i]
        output[i] = x < 0 ? 0 : x
      }
    case .relu6:
      for i in 0..<count {
        let x = input[i]
        output[i] = x < 0 ? 0 : (x > 6 ? 6 : x)
      }
    }
  }

  /// Applies `kind` to `values[0..<count]` in place.
  @inline(__always)
  static func apply(_ kind: SlimActivation, inPlace values: UnsafeMutablePointer<Float>, count: Int) {
    apply(kind, input: values, output: values, count: count)
  }
}
