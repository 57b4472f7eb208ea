/// Element-wise addition of two int8 tensors with one rounding (opcode 31, format 1.7):
/// `y = clamp(⌊(Ma·(a − za) + Mb·(b − zb) + 2^(S−1)) / 2^S⌋ + zo, outputMin, outputMax)`,
/// where `Ma / 2^S` and `Mb / 2^S` stand for the scale ratios `sa / so` and `sb / so`.
///
/// `AddInt8` (opcode 27, TensorFlow Lite's add) rounds three times, each input to a
/// common scale and then their sum to the output's, and each of those rescales is a
/// 64-bit multiply with its own rounding. Here validation bounds the multipliers so
/// that the sum and its rounding offset never leave int32 (`SingleRoundingBounds`), and
/// an element costs two 32-bit multiplies, two adds and a shift before the clamp.
enum AddInt8SingleRounding {
  struct Parameters: Equatable, Sendable {
    var aZeroPoint: Int32, bZeroPoint: Int32, outputZeroPoint: Int32
    var aMultiplier: Int32, bMultiplier: Int32
    /// `S`, in `1...30`.
    var shift: Int32
    var outputMin: Int32, outputMax: Int32

    /// `2^(S−1) − Ma·za − Mb·zb`: the rounding offset with both zero points folded in,
    /// so that the sum plus the offset is `Ma·a + Mb·b + offset`. Precondition: within
    /// `SingleRoundingBounds.addIsExact`, under which the offset and every partial sum fit in int32.
    var offset: Int32 {
      (Int32(1) &<< (shift &- 1)) &- aMultiplier &* aZeroPoint &- bMultiplier &* bZeroPoint
    }
  }

  /// `y = clamp(⌊(Ma·(a − za) + Mb·(b − zb) + 2^(S−1)) / 2^S⌋ + zo)` for `count`
  /// elements. Preconditions: `p` is within `SingleRoundingBounds.addIsExact`; three buffers of
  /// `count` int8; `output` may equal `a` or `b`. 64-bit targets take 16 elements at
  /// a time in vector lanes, the rest and the firmware's 32-bit cores one at a time.
  /// Cost: O(count), no allocation.
  static func run(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    var done = 0
    #if !_pointerBitWidth(_32)
      typealias Lanes = SIMD16<Int32>
      let aMultiplier = Lanes(repeating: p.aMultiplier), bMultiplier = Lanes(repeating: p.bMultiplier)
      let offset = Lanes(repeating: p.offset), shift = Lanes(repeating: p.shift)
      let zeroPoint = Lanes(repeating: p.outputZeroPoint)
      let low = Lanes(repeating: p.outputMin), high = Lanes(repeating: p.outputMax)
      while done &+ Lanes.scalarCount <= count {
        let qa = a.loadUnaligned(fromByteOffset: done, as: SIMD16<Int8>.self).widenedToInt32
        let qb = b.loadUnaligned(fromByteOffset: done, as: SIMD16<Int8>.self).widenedToInt32
        let y = ((aMultiplier &* qa &+ bMultiplier &* qb &+ offset) &>> shift) &+ zeroPoint
        output.storeBytes(of: y.clampedToInt8(low, high), toByteOffset: done, as: SIMD16<Int8>.self)
        done &+= Lanes.scalarCount
      }
    #endif
    if done < count { runScalar(count: count &- done, p, a: a + done, b: b + done, output: output + done) }
  }

  /// `run` one element at a time, in the same int32 arithmetic. Cost: O(count).
  static func runScalar(
    count: Int, _ p: Parameters, a: UnsafeRawPointer, b: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    let offset = p.offset
    for i in 0..<count {
      let qa = Int32(a.load(fromByteOffset: i, as: Int8.self))
      let qb = Int32(b.load(fromByteOffset: i, as: Int8.self))
      let y = ((p.aMultiplier &* qa &+ p.bMultiplier &* qb &+ offset) &>> p.shift) &+ p.outputZeroPoint
      output.storeBytes(of: Requantization.clampToInt8(y, p.outputMin, p.outputMax), toByteOffset: i, as: Int8.self)
    }
  }
}
