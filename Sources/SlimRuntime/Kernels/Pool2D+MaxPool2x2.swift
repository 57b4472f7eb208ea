extension Pool2D {
  /// Whether `runMax2x2` computes `g`: max pooling, 2x2 window, stride 2, no padding
  /// (VGG's pooling).
  static func isMax2x2(_ g: Geometry) -> Bool {
    g.mode == .max && g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideH == 2 && g.strideW == 2
      && g.padTop == 0 && g.padLeft == 0 && g.padBottom == 0 && g.padRight == 0
      && 2 * g.outHeight <= g.inHeight && 2 * g.outWidth <= g.inWidth  // every window inside (no ceil mode tail)
  }

  /// The vector of output columns `runMax2x2` computes at once.
  typealias MaxVector = SIMD8<Float>

  /// `run` for `isMax2x2` geometries, on channels `channels` (disjoint ranges may run
  /// on different threads): eight output columns per step from two double-width
  /// loads per input row, split into even and odd columns. The fast path beside
  /// `run`, which finds each window's bounds and loops over it per output element
  /// (23 ns an output on VGG-16's first pooling). Same result bit for bit: a NaN
  /// wins, as in `run`, and the window is scanned in the same order.
  /// Preconditions: those of `run`, and `isMax2x2(g)`. Cost: O(|channels|·outH·outW).
  static func runMax2x2(
    _ g: Geometry, channels: Range<Int>, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    let width = MaxVector.scalarCount
    let outPlane = g.outHeight * g.outWidth
    /// `value` replaced by `x` where `x` is larger or NaN (`run`'s comparison).
    @inline(__always) func pick(_ value: MaxVector, _ x: MaxVector) -> MaxVector {
      value.replacing(with: x, where: (x .> value) .| (x .!= x))
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
          let a = UnsafeRawPointer(top + 2 * ow).loadUnaligned(as: SIMD16<Float>.self)
          let b = UnsafeRawPointer(bottom + 2 * ow).loadUnaligned(as: SIMD16<Float>.self)
          let value = pick(pick(pick(a.evenHalf, a.oddHalf), b.evenHalf), b.oddHalf)
          UnsafeMutableRawPointer(outRow + ow).storeBytes(of: value, as: MaxVector.self)
          ow += width
        }
        while ow < g.outWidth {
          @inline(__always) func pick(_ value: Float, _ x: Float) -> Float { x > value || x.isNaN ? x : value }
          outRow[ow] = pick(pick(pick(top[2 * ow], top[2 * ow + 1]), bottom[2 * ow]), bottom[2 * ow + 1])
          ow += 1
        }
      }
      Activation.apply(activation, inPlace: out, count: outPlane)
    }
  }
}
