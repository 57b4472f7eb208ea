/// Channel selection: output channel `k` is input channel `indexes[k]`.
///
/// This is what a pruned pre-activation network's `channel_selection` layer
/// computes; pruning leaves it in front of the next convolution.
enum GatherChannels {
  /// Takes the indexes as a buffer (not an array) so the kernel provably never allocates.
  /// Preconditions: `input` holds `spatial · (max(indexes) + 1)` floats, `output`
  /// holds `spatial · indexes.count` and does not overlap `input`. Cost: O(output).
  static func run(
    spatial: Int, indexes: UnsafeBufferPointer<Int>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    for k in 0..<indexes.count {
      Activation.apply(activation, input: input + indexes[k] * spatial, output: output + k * spatial, count: spatial)
    }
  }
}
