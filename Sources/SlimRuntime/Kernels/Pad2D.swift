/// Constant padding of the two spatial axes of a `[1,C,H,W]` tensor (opcode 14, format 1.3).
enum Pad2D {
  /// Sizes proved by validation: output `[1, channels, outHeight, outWidth]` with
  /// `outHeight = inHeight + padTop + padBottom` and `outWidth = inWidth + padLeft + padRight`.
  struct Geometry: Equatable, Sendable {
    var channels: Int
    var inHeight: Int
    var inWidth: Int
    var padTop: Int
    var padLeft: Int
    var outHeight: Int
    var outWidth: Int
    /// The padded elements' value (finite).
    var value: Float
  }

  /// `output = act(pad(input))`, `value` outside the input (the activation applies to them
  /// too). Preconditions: `input` holds `channels · inHeight · inWidth` floats, `output`
  /// `channels · outHeight · outWidth` and does not overlap `input`. Cost: O(output).
  static func run(
    _ g: Geometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, activation: SlimActivation
  ) {
    let count = g.channels * g.outHeight * g.outWidth
    output.update(repeating: g.value, count: count)
    for c in 0..<g.channels {
      for y in 0..<g.inHeight {
        let source = input + (c * g.inHeight + y) * g.inWidth
        let target = output + (c * g.outHeight + y + g.padTop) * g.outWidth + g.padLeft
        target.update(from: source, count: g.inWidth)
      }
    }
    Activation.apply(activation, inPlace: output, count: count)
  }
}
