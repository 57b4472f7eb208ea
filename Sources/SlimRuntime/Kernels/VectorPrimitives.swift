/// The two inner loops every kernel is built from. Keeping the raw pointer
/// arithmetic here means the kernels only compute ranges and base pointers.
enum VectorPrimitives {
  /// `y[i] += a * x[i * stride]` for `i in 0..<count`.
  ///
  /// Preconditions: `y` holds `count` floats, `x` holds `(count - 1) * stride + 1`
  /// floats, and the two ranges do not overlap. The unit-stride branch is the
  /// common case and is kept separate so the compiler can vectorize it.
  @inline(__always)
  static func axpy(
    _ a: Float, _ x: UnsafePointer<Float>, stride: Int, _ y: UnsafeMutablePointer<Float>, count: Int
  ) {
    if stride == 1 {
      for i in 0..<count { y[i] += a * x[i] }
    } else {
      for i in 0..<count { y[i] += a * x[i &* stride] }
    }
  }

  /// `Σ x[i] * y[i]` for `i in 0..<count`, accumulated in Float.
  /// Precondition: both hold `count` floats.
  @inline(__always)
  static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    var sum: Float = 0
    for i in 0..<count { sum += x[i] * y[i] }
    return sum
  }

  /// The output indices `o in 0..<outputSize` whose input index
  /// `o * stride + offset` falls in `0..<inputSize`.
  ///
  /// Used by convolution and pooling to hoist bounds checks out of inner loops.
  /// Preconditions: `stride >= 1`, all values are those of a validated geometry
  /// (so `-offset` and `inputSize - offset` cannot overflow).
  @inline(__always)
  static func validOutputRange(offset: Int, stride: Int, inputSize: Int, outputSize: Int) -> Range<Int> {
    // First o with o * stride + offset >= 0, written without `+ stride - 1` so a
    // huge stride cannot overflow.
    let first = offset >= 0 ? 0 : (-offset - 1) / stride + 1
    let lastInput = inputSize - 1 - offset
    let end = lastInput < 0 ? 0 : min(outputSize, lastInput / stride + 1)
    return first..<max(first, end)
  }
}
