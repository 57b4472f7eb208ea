/// The one place fused and standalone activations are applied.
enum Activation {
  /// `output[i] = f(input[i])` for `i in 0..<count`.
  ///
  /// `input` and `output` may be the same pointer (in place); they must not
  /// otherwise overlap except via the memmove-safe copy for `.none`. Parameters
  /// were validated at load (finite; clip bounds ordered). Comparisons are written
  /// so that NaN propagates, as in PyTorch and onnxruntime.
  /// Cost: O(count); a no-op for `.none` in place.
  static func apply(
    _ kind: SlimActivation, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, count: Int
  ) {
    switch kind {
    case .none:
      if UnsafePointer(output) != input { output.update(from: input, count: count) }
    case .relu:
      clamp(input, output, count: count, (0, .infinity))
    case .relu6:
      clamp(input, output, count: count, (0, 6))
    case .clip(let low, let high):
      clamp(input, output, count: count, (low, high))
    case .leakyRelu(let alpha):
      map(input, output, count) { x in x < 0 ? alpha * x : x }
    case .sigmoid:
      map(input, output, count, sigmoid)
    case .hardSigmoid(let alpha, let beta):
      map(input, output, count) { x in clamp(alpha * x + beta, 0, 1) }
    case .hardSwish:
      map(input, output, count) { x in x * clamp(x * (1 / 6) + 0.5, 0, 1) }
    }
  }

  /// Applies `kind` to `values[0..<count]` in place.
  @inline(__always)
  static func apply(_ kind: SlimActivation, inPlace values: UnsafeMutablePointer<Float>, count: Int) {
    apply(kind, input: values, output: values, count: count)
  }

  /// `output[i] = f(input[i])`; inlined so each activation gets its own loop.
  @inline(__always)
  private static func map(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ count: Int, _ f: (Float) -> Float
  ) {
    for i in 0..<count { output[i] = f(input[i]) }
  }

  /// `x` limited to `[low, high]`; NaN stays NaN. Precondition: `low ≤ high`.
  @inline(__always)
  static func clamp(_ x: Float, _ low: Float, _ high: Float) -> Float {
    x < low ? low : (x > high ? high : x)
  }

  /// `1 / (1 + e^−x)` without overflow: `e^−|x|` is in (0, 1], so for `x ≥ 0` the
  /// result is `1 / (1 + t)` and for `x < 0` it is `t / (1 + t)`, which keeps full
  /// relative precision for large negative `x` (where `1 − 1/(1 + e^x)` would cancel).
  @inline(__always)
  static func sigmoid(_ x: Float) -> Float {
    let t = Exponential.exp(-abs(x))
    return x < 0 ? t / (1 + t) : 1 / (1 + t)
  }
}
