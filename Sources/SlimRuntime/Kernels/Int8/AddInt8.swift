/// Element-wise addition of two int8 tensors with different scales, as TensorFlow
/// Lite does it: both inputs are centred, shifted left by 20 bits for headroom,
/// rescaled to a common scale, added, and the sum rescaled to the output.
enum AddInt8 {
  /// Headroom bits added before rescaling the inputs (TensorFlow Lite's `left_shift`).
  static let leftShift: Int32 = 20

  struct Parameters: Equatable, Sendable {
    var aZeroPoint: Int32, bZeroPoint: Int32, outputZeroPoint: Int32
    var a: Rescale, b: Rescale, output: Rescale
    var outputMin: Int32, outputMax: Int32
  }

  /// `out = clamp(output((a((qa − za)·2^20) + b((qb − zb)·2^20))) + zo)`, wrapping int32
  /// arithmetic. Preconditions: three buffers of `count` int8; `output` may equal `a`.
  ///
  /// The two input rescales depend on one int8 value each, so they are tabulated
  /// first (256 entries per input, on the stack) and the loop does one rescale per
  /// element instead of three, eight elements at a time in vector lanes; the table
  /// holds exactly the values the formula gives.
  /// Cost: O(count + 512).
  static func run(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    // Two tables of 1 KiB each: temporary allocations up to 1 KiB always live on the stack.
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { aTable in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { bTable in
        let aRescaled = aTable.baseAddress!, bRescaled = bTable.baseAddress!
        for q in -128...127 {
          aRescaled[q + 128] = p.a.apply((Int32(q) &- p.aZeroPoint) &<< leftShift)
          bRescaled[q + 128] = p.b.apply((Int32(q) &- p.bZeroPoint) &<< leftShift)
        }
        @inline(__always) func rescaledSum(_ i: Int) -> Int32 {
          aRescaled[Int(a.load(fromByteOffset: i, as: Int8.self)) + 128]
            &+ bRescaled[Int(b.load(fromByteOffset: i, as: Int8.self)) + 128]
        }
        typealias Lanes = SIMD8<Int32>
        // 32-bit targets (the firmware) have no vector unit to gain from: the scalar loop alone is smaller code.
        #if _pointerBitWidth(_32)
          let whole = 0
        #else
          let whole = count - count % Lanes.scalarCount
        #endif
        // The output rescale, zero point and clamp are a convolution's output stage.
        let stage = Int8OutputStage(
          inputZeroPoint: 0, outputZeroPoint: p.outputZeroPoint, outputMin: p.outputMin, outputMax: p.outputMax)
        let multiplier = Lanes(repeating: p.output.multiplier), shift = Lanes(repeating: p.output.shift)
        for i in stride(from: 0, to: whole, by: Lanes.scalarCount) {
          var sums = Lanes()
          for lane in 0..<Lanes.scalarCount { sums[lane] = rescaledSum(i + lane) }
          output.storeBytes(
            of: stage.finish(sums, multiplier: multiplier, shift: shift), toByteOffset: i, as: SIMD8<Int8>.self)
        }
        for i in whole..<count {
          let value = stage.finish(rescaledSum(i), multiplier: p.output.multiplier, shift: p.output.shift)
          output.storeBytes(of: value, toByteOffset: i, as: Int8.self)
        }
      }
    }
  }
}
