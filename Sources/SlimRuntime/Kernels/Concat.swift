/// Concatenation along any axis.
///
/// Seen from the axis, every tensor is `[outer, inner_i]` where `outer` is the
/// product of the dimensions before the axis and `inner_i` is the input's
/// axis size times the product of the dimensions after it; the output row is
/// the inputs' rows one after the other.
enum Concat {
  /// Preconditions: `inputs.count == innerSizes.count`, input `i` holds
  /// `outerCount·innerSizes[i]` floats, `output` holds `outerCount·Σ innerSizes`,
  /// no overlap. Cost: O(output size).
  static func run(
    outerCount: Int, innerSizes: [Int], inputs: [UnsafePointer<Float>], output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    var destination = output
    for outer in 0..<outerCount {
      for (input, inner) in zip(inputs, innerSizes) {
        destination.update(from: input + outer * inner, count: inner)
        destination += inner
      }
    }
    Activation.apply(activation, inPlace: output, count: destination - output)
  }
}
