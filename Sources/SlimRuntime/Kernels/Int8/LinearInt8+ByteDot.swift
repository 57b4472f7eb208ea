extension LinearInt8 {
  /// Whether sessions run int8 linear layers with `runByteDot` rather than `runSIMD`:
  /// in `SLIM_VNNI` builds, where its dot product is one instruction. O(1).
  static var prefersByteDot: Bool { BlockedConv2DInt8.hasByteDotInstruction }

  /// The fast path in byte dot products (`SIMD16<Int32>.addingByteDot`, one `vpdpbusd`
  /// with `SLIM_VNNI`): output rows `rows` (a sub-range of `0..<outFeatures`; disjoint
  /// ranges may run concurrently), 64 inputs per dot product where `runSIMD` widens 16
  /// to 16 bits per multiply-add, and one row after another, so that the weights are
  /// read as one stream. Reading four rows at a time, as `runSIMD` does, was no faster
  /// in dot products than `runSIMD`: MobileNetV2's 1280→1000 classifier (1.3 MB, read
  /// from memory in every inference) took 152–159 µs in the network (`slim-report
  /// --measure`, AMD Zen 4), and 45–58 µs one row at a time.
  ///
  /// The dot product multiplies unsigned bytes by signed ones, so the input enters as
  /// `x + 128` (`x ^ 0x80`), and each row's sum is Σ (x − zeroPoint)·w + (zeroPoint +
  /// 128)·Σw; Σw is a second dot product of the same weights with bytes of 1, and the
  /// term leaves before the bias is added. All of it is wrapping `Int32`, as `run`'s
  /// accumulator is, so the result equals `run`'s bit for bit. Inputs past the last
  /// whole 64 are added one at a time, as `run` adds them.
  /// Cost: O(|rows|·inFeatures / 64) dot products.
  static func runByteDot(_ o: Operands, rows: Range<Int>) {
    let whole = o.inFeatures - o.inFeatures % 64
    let ones = SIMD16<Int32>(repeating: 0x0101_0101)
    let shiftedZeroPoint = o.stage.inputZeroPoint &+ 128
    for row in rows {
      let w = o.weight + row * o.inFeatures
      // Two sums per row, alternating, so that consecutive dot products do not wait on
      // each other; the weights are read in one stream, row after row.
      var s0 = SIMD16<Int32>(), s1 = s0, t0 = s0, t1 = s0
      var i = 0
      @inline(__always) func add(_ sums: inout SIMD16<Int32>, _ weightSums: inout SIMD16<Int32>, at i: Int) {
        let x = (o.input + i).loadUnaligned(as: SIMD16<Int32>.self) ^ SIMD16(repeating: Int32(bitPattern: 0x8080_8080))
        let weights = (w + i).loadUnaligned(as: SIMD16<Int32>.self)
        sums = sums.addingByteDot(unsigned: x, signed: weights)
        weightSums = weightSums.addingByteDot(unsigned: ones, signed: weights)
      }
      while i &+ 128 <= whole {
        add(&s0, &t0, at: i)
        add(&s1, &t1, at: i &+ 64)
        i &+= 128
      }
      if i < whole { add(&s0, &t0, at: i) }
      var acc =
        o.bias.load(fromByteOffset: row * 4, as: Int32.self) &+ (s0 &+ s1).wrappedSum()
        &- shiftedZeroPoint &* (t0 &+ t1).wrappedSum()
      for j in whole..<o.inFeatures {
        let x = Int32(o.input.load(fromByteOffset: j, as: Int8.self))
        acc = acc &+ (x &- o.stage.inputZeroPoint) &* Int32(w.load(fromByteOffset: j, as: Int8.self))
      }
      let m = o.multiplier.load(fromByteOffset: row * 4, as: Int32.self)
      let sh = o.shift.load(fromByteOffset: row * 4, as: Int32.self)
      o.output.storeBytes(of: o.stage.finish(acc, multiplier: m, shift: sh), toByteOffset: row, as: Int8.self)
    }
  }
}
