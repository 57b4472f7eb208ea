/// Element-wise addition with fused activation (applied after the sum).
enum Add {
  /// `output[i] = act(a[i] + b[i])`. `output` may equal `a` (in place); it
  /// must not otherwise overlap the inputs. Cost: O(count).
  static func run(
    count: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    for i in 0..<count { output[i] = a[i] + b[i] }
    Activation.apply(activation, inPlace: output, count: count)
  }
}
