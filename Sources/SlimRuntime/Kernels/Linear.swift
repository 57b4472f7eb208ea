/// Fully connected layer: `y = act(W·x + b)`, `W` is `[outFeatures, inFeatures]` row-major.
enum Linear {
  /// Preconditions: `input` holds `inFeatures` floats, `weight`
  /// `outFeatures·inFeatures`, `bias` (if any) and `output` `outFeatures`;
  /// `output` overlaps none of them. Cost: O(inFeatures·outFeatures).
  static func run(
    inFeatures: Int, outFeatures: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, activation: SlimActivation
  ) {
    for o in 0..<outFeatures {
      let b: Float = bias.map { $0[o] } ?? 0
      output[o] = b + VectorPrimitives.dot(weight + o * inFeatures, input, count: inFeatures)
    }
    Activation.apply(activation, inPlace: output, count: outFeatures)
  }
}
