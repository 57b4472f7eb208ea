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

    /// The output rescale's zero point and clamp, which are a convolution's output stage.
    var outputStage: Int8OutputStage {
      Int8OutputStage(inputZeroPoint: 0, outputZeroPoint: outputZeroPoint, outputMin: outputMin, outputMax: outputMax)
    }
  }

  /// `out = clamp(output((a((qa − za)·2^20) + b((qb − zb)·2^20))) + zo)`, wrapping int32
  /// arithmetic. Preconditions: three buffers of `count` int8; `output` may equal `a`.
  /// Cost: O(count), plus O(512) on 32-bit targets.
  static func run(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    #if _pointerBitWidth(_32)
      runTabulated(count: count, p, a: a, b: b, output: output)
    #else
      runInVectorLanes(count: count, p, a: a, b: b, output: output)
    #endif
  }

  /// `(q − zeroPoint)·2^20` rescaled by `rescale`: one input's term of the sum.
  @inline(__always)
  static func term(_ q: Int8, zeroPoint: Int32, _ rescale: Rescale) -> Int32 {
    rescale.apply((Int32(q) &- zeroPoint) &<< leftShift)
  }

  /// Eight elements at a time, all three rescales in vector lanes. Tabulating the
  /// input rescales instead (below) made the loop two gathers per eight elements,
  /// which measured slower than computing them once requantization ran in vectors.
  @inline(__always)
  static func runInVectorLanes(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    let stage = p.outputStage
    typealias Lanes = SIMD8<Int32>
    let aZero = Lanes(repeating: p.aZeroPoint), bZero = Lanes(repeating: p.bZeroPoint)
    let aMultiplier = Lanes(repeating: p.a.multiplier), aShift = Lanes(repeating: p.a.shift)
    let bMultiplier = Lanes(repeating: p.b.multiplier), bShift = Lanes(repeating: p.b.shift)
    let multiplier = Lanes(repeating: p.output.multiplier), shift = Lanes(repeating: p.output.shift)
    let headroom = Lanes(repeating: leftShift)
    let whole = count - count % Lanes.scalarCount
    for i in stride(from: 0, to: whole, by: Lanes.scalarCount) {
      let qa = a.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened
      let qb = b.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened
      let sums =
        Requantization.multiply((qa &- aZero) &<< headroom, by: aMultiplier, shift: aShift)
        &+ Requantization.multiply((qb &- bZero) &<< headroom, by: bMultiplier, shift: bShift)
      output.storeBytes(
        of: stage.finish(sums, multiplier: multiplier, shift: shift), toByteOffset: i, as: SIMD8<Int8>.self)
    }
    for i in whole..<count {
      let sum =
        term(a.load(fromByteOffset: i, as: Int8.self), zeroPoint: p.aZeroPoint, p.a)
        &+ term(b.load(fromByteOffset: i, as: Int8.self), zeroPoint: p.bZeroPoint, p.b)
      output.storeBytes(
        of: stage.finish(sum, multiplier: p.output.multiplier, shift: p.output.shift), toByteOffset: i, as: Int8.self)
    }
  }

  /// One element at a time, for targets without a vector unit (the firmware): each
  /// input rescale depends on one int8 value, so both are tabulated first (256
  /// entries per input, on the stack) and the loop does one rescale per element
  /// instead of three; the tables hold exactly the values the formula gives.
  @inline(__always)
  static func runTabulated(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    let stage = p.outputStage
    // Two tables of 1 KiB each: temporary allocations up to 1 KiB always live on the stack.
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { aTable in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { bTable in
        let aRescaled = aTable.baseAddress!, bRescaled = bTable.baseAddress!
        for q in Int8.min...Int8.max {
          aRescaled[Int(q) + 128] = term(q, zeroPoint: p.aZeroPoint, p.a)
          bRescaled[Int(q) + 128] = term(q, zeroPoint: p.bZeroPoint, p.b)
        }
        for i in 0..<count {
          let sum =
            aRescaled[Int(a.load(fromByteOffset: i, as: Int8.self)) + 128]
            &+ bRescaled[Int(b.load(fromByteOffset: i, as: Int8.self)) + 128]
          output.storeBytes(
            of: stage.finish(sum, multiplier: p.output.multiplier, shift: p.output.shift), toByteOffset: i,
            as: Int8.self)
        }
      }
    }
  }
}
