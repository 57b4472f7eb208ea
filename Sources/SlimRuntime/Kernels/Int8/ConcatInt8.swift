/// Concatenation of int8 tensors into one output scale: each input is centred,
/// rescaled (`Rescale` of `inputScale / outputScale`) and re-offset; an input that
/// already shares the output's scale and zero point is copied.
enum ConcatInt8 {
  struct InputRescale: Equatable, Sendable {
    var zeroPoint: Int32
    var rescale: Rescale
  }

  /// Preconditions as `Concat.run`, in int8 elements; `rescales.count == inputs.count`.
  /// Cost: O(output size).
  static func run(
    outerCount: Int, innerSizes: [Int], outputZeroPoint: Int32, rescales: [InputRescale],
    inputs: [UnsafeRawPointer], output: UnsafeMutableRawPointer
  ) {
    var destination = 0
    for outer in 0..<outerCount {
      for operand in 0..<inputs.count {
        let inner = innerSizes[operand]
        let source = inputs[operand] + outer * inner
        let r = rescales[operand]
        for i in 0..<inner {
          let centred = Int32(source.load(fromByteOffset: i, as: Int8.self)) &- r.zeroPoint
          let value = Requantization.clampToInt8(r.rescale.apply(centred) &+ outputZeroPoint, -128, 127)
          output.storeBytes(of: value, toByteOffset: destination + i, as: Int8.self)
        }
        destination += inner
      }
    }
  }
}
