/// Nearest-neighbour upsampling of a `[1,C,H,W]` tensor by integer factors (opcode 15,
/// format 1.3): output `[1, C, H·scaleH, W·scaleW]`, element `(y, x)` is input
/// `(y / scaleH, x / scaleW)` (integer division).
enum UpsampleNearest {
  struct Geometry: Equatable, Sendable {
    var channels: Int
    var inHeight: Int
    var inWidth: Int
    var scaleH: Int
    var scaleW: Int
  }

  /// `output = act(upsample(input))`. Preconditions: `input` holds `channels · inHeight ·
  /// inWidth` floats, `output` that times `scaleH · scaleW`, not overlapping `input`.
  /// Cost: O(output).
  static func run(
    _ g: Geometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, activation: SlimActivation
  ) {
    let outWidth = g.inWidth * g.scaleW
    var o = 0
    for c in 0..<g.channels {
      for y in 0..<g.inHeight * g.scaleH {
        let row = input + (c * g.inHeight + y / g.scaleH) * g.inWidth
        for x in 0..<outWidth {
          output[o] = row[x / g.scaleW]
          o += 1
        }
      }
    }
    Activation.apply(activation, inPlace: output, count: o)
  }
}
