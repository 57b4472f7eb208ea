/// Integer-only fully connected layer: `y[o] = stage.finish(bias[o] + Σ (x[i] − zx) · W[o, i])`,
/// `W` int8 `[outFeatures, inFeatures]` row-major with per-row scales.
enum LinearInt8 {
  /// Preconditions: `input` holds `inFeatures` int8, `weight` `outFeatures·inFeatures` int8,
  /// `bias`, `multiplier`, `shift` `outFeatures` int32 each, `output` `outFeatures` int8,
  /// no overlap. Cost: O(inFeatures·outFeatures).
  static func run(
    inFeatures: Int, outFeatures: Int, stage: Int8OutputStage, input: UnsafeRawPointer, weight: UnsafeRawPointer,
    bias: UnsafeRawPointer, multiplier: UnsafeRawPointer, shift: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    for o in 0..<outFeatures {
      var acc = bias.load(fromByteOffset: o * 4, as: Int32.self)
      let row = o * inFeatures
      for i in 0..<inFeatures {
        let x = Int32(input.load(fromByteOffset: i, as: Int8.self))
        let w = Int32(weight.load(fromByteOffset: row + i, as: Int8.self))
        acc = acc &+ (x &- stage.inputZeroPoint) &* w
      }
      let m = multiplier.load(fromByteOffset: o * 4, as: Int32.self)
      let s = shift.load(fromByteOffset: o * 4, as: Int32.self)
      output.storeBytes(of: stage.finish(acc, multiplier: m, shift: s), toByteOffset: o, as: Int8.self)
    }
  }
}
