extension LinearInt8 {
  /// The pointers and sizes of one int8 linear layer, as the split fast path needs them
  /// (the preconditions of `run` apply).
  struct Operands {
    var inFeatures: Int, outFeatures: Int
    var stage: Int8OutputStage
    var input: UnsafeRawPointer, weight: UnsafeRawPointer
    var bias: UnsafeRawPointer, multiplier: UnsafeRawPointer, shift: UnsafeRawPointer
    var output: UnsafeMutableRawPointer
  }

  /// Vector lanes of the fast path's dot products.
  typealias Lanes = SIMD16<Int32>

  /// The fast path beside `run`: output rows `rows` (a sub-range of
  /// `0..<outFeatures`; disjoint ranges may run concurrently), each a dot product of
  /// `Lanes.scalarCount` int8 pairs widened to `Int32` per step. Wrapping `Int32`
  /// addition is associative, so the result equals `run`'s bit for bit.
  /// Cost: O(|rows|·inFeatures).
  static func runSIMD(_ o: Operands, rows: Range<Int>) {
    let lanes = Lanes.scalarCount
    let whole = o.inFeatures - o.inFeatures % lanes
    let zeroPoint = Lanes(repeating: o.stage.inputZeroPoint)
    for row in rows {
      let weights = o.weight + row * o.inFeatures
      var sums = Lanes(repeating: 0)
      var i = 0
      while i < whole {
        let x = Lanes(truncatingIfNeeded: (o.input + i).loadUnaligned(as: SIMD16<Int8>.self)) &- zeroPoint
        let w = Lanes(truncatingIfNeeded: (weights + i).loadUnaligned(as: SIMD16<Int8>.self))
        sums &+= x &* w
        i += lanes
      }
      var acc = o.bias.load(fromByteOffset: row * 4, as: Int32.self) &+ sums.wrappedSum()
      while i < o.inFeatures {
        let x = Int32(o.input.load(fromByteOffset: i, as: Int8.self))
        let w = Int32(weights.load(fromByteOffset: i, as: Int8.self))
        acc = acc &+ (x &- o.stage.inputZeroPoint) &* w
        i += 1
      }
      let m = o.multiplier.load(fromByteOffset: row * 4, as: Int32.self)
      let s = o.shift.load(fromByteOffset: row * 4, as: Int32.self)
      o.output.storeBytes(of: o.stage.finish(acc, multiplier: m, shift: s), toByteOffset: row, as: Int8.self)
    }
  }
}
