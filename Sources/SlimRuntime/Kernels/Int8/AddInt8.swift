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
  /// 64-bit targets run 16 elements at a time with `UniformRescale`, all three
  /// rescales in vector lanes: 0.7 ns an element on the AVX-512 build, against 1.7
  /// for the tables below read into 8 lanes one by one (`Tools/bench/elementwise_int8.swift`).
  /// The rest, and everything on the firmware's 32-bit cores, goes through `runScalar`.
  /// Cost: O(count).
  static func run(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    var done = 0
    #if !_pointerBitWidth(_32)
      typealias Lanes = SIMD16<Int32>
      let aRescale = UniformRescale(p.a), bRescale = UniformRescale(p.b)
      let outputRescale = UniformRescale(p.output)
      let aZeroPoint = Lanes(repeating: p.aZeroPoint), bZeroPoint = Lanes(repeating: p.bZeroPoint)
      let stage = Int8OutputStage(
        inputZeroPoint: 0, outputZeroPoint: p.outputZeroPoint, outputMin: p.outputMin, outputMax: p.outputMax)
      while done &+ Lanes.scalarCount <= count {
        let qa = a.loadUnaligned(fromByteOffset: done, as: SIMD16<Int8>.self).widenedToInt32
        let qb = b.loadUnaligned(fromByteOffset: done, as: SIMD16<Int8>.self).widenedToInt32
        let sum =
          aRescale.apply((qa &- aZeroPoint) &<< Lanes(repeating: leftShift))
          &+ bRescale.apply((qb &- bZeroPoint) &<< Lanes(repeating: leftShift))
        output.storeBytes(of: stage.finish(sum, outputRescale), toByteOffset: done, as: SIMD16<Int8>.self)
        done &+= Lanes.scalarCount
      }
    #endif
    if done < count { runScalar(count: count &- done, p, a: a + done, b: b + done, output: output + done) }
  }

  /// `run` one element at a time. Where there are enough of them, the two input
  /// rescales, which depend on one int8 value each, are tabulated first (256
  /// entries per input, on the stack), leaving one rescale per element instead of
  /// three; the tables hold exactly the values the formula gives. Cost: O(count),
  /// plus 512 rescales from `tableThreshold` elements on.
  static func runScalar(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    let stage = Int8OutputStage(
      inputZeroPoint: 0, outputZeroPoint: p.outputZeroPoint, outputMin: p.outputMin, outputMax: p.outputMax)
    @inline(__always) func store(_ i: Int, _ sum: Int32) {
      output.storeBytes(
        of: stage.finish(sum, multiplier: p.output.multiplier, shift: p.output.shift), toByteOffset: i, as: Int8.self)
    }
    @inline(__always) func element(_ pointer: UnsafeRawPointer, _ i: Int) -> Int32 {
      Int32(pointer.load(fromByteOffset: i, as: Int8.self))
    }
    guard count >= tableThreshold else {
      for i in 0..<count {
        store(
          i,
          p.a.apply((element(a, i) &- p.aZeroPoint) &<< leftShift)
            &+ p.b.apply((element(b, i) &- p.bZeroPoint) &<< leftShift))
      }
      return
    }
    // Two tables of 1 KiB each: temporary allocations up to 1 KiB always live on the stack.
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { aTable in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { bTable in
        let aRescaled = aTable.baseAddress!, bRescaled = bTable.baseAddress!
        for q in -128...127 {
          aRescaled[q + 128] = p.a.apply((Int32(q) &- p.aZeroPoint) &<< leftShift)
          bRescaled[q + 128] = p.b.apply((Int32(q) &- p.bZeroPoint) &<< leftShift)
        }
        for i in 0..<count {
          store(i, aRescaled[Int(element(a, i)) + 128] &+ bRescaled[Int(element(b, i)) + 128])
        }
      }
    }
  }

  /// Elements from which `runScalar` tabulates the input rescales: twice the 256 a table costs.
  static let tableThreshold = 512
}
