extension PoolInt8 {
  /// The input bytes of one row `runMax2x2` reads at once: 16 output columns.
  typealias MaxRowBytes = SIMD32<Int8>

  /// `run` for `Pool2D.isMax2x2` geometries (VGG's pooling), on channels `channels`
  /// (disjoint ranges may run on different threads): per output row, 16 columns at
  /// a time from one 32-byte load of each input row, split into even and odd
  /// columns. The fast path beside `run`, which finds each window's bounds and loops
  /// over it per output (14 ns an output on VGG-16's first int8 pooling). Max is
  /// exact, so both give the same bytes. Rows narrower than 16 outputs (VGG's 8x8
  /// and smaller planes) take the per-output loop without the bounds arithmetic.
  /// Preconditions: those of `run`, and `Pool2D.isMax2x2(g)`.
  /// Cost: O(|channels|·outH·outW).
  static func runMax2x2(
    _ g: Pool2D.Geometry, channels: Range<Int>, input: UnsafeRawPointer, output: UnsafeMutableRawPointer
  ) {
    let width = MaxRowBytes.scalarCount / 2
    let outPlane = g.outHeight * g.outWidth
    @inline(__always) func larger(_ a: SIMD16<Int8>, _ b: SIMD16<Int8>) -> SIMD16<Int8> {
      a.replacing(with: b, where: b .> a)
    }
    for c in channels {
      let plane = input + c * g.inHeight * g.inWidth
      let out = output + c * outPlane
      for oh in 0..<g.outHeight {
        let top = plane + 2 * oh * g.inWidth
        let bottom = top + g.inWidth
        let outRow = out + oh * g.outWidth
        var ow = 0
        while ow + width <= g.outWidth {
          let a = top.loadUnaligned(fromByteOffset: 2 * ow, as: MaxRowBytes.self)
          let b = bottom.loadUnaligned(fromByteOffset: 2 * ow, as: MaxRowBytes.self)
          let value = larger(larger(a.evenHalf, a.oddHalf), larger(b.evenHalf, b.oddHalf))
          outRow.storeBytes(of: value, toByteOffset: ow, as: SIMD16<Int8>.self)
          ow += width
        }
        while ow < g.outWidth {
          @inline(__always) func at(_ row: UnsafeRawPointer, _ column: Int) -> Int8 {
            row.load(fromByteOffset: column, as: Int8.self)
          }
          let value = max(
            max(at(top, 2 * ow), at(top, 2 * ow + 1)), max(at(bottom, 2 * ow), at(bottom, 2 * ow + 1)))
          outRow.storeBytes(of: value, toByteOffset: ow, as: Int8.self)
          ow += 1
        }
      }
    }
  }
}
