extension BlockedConv2D {
  #if SLIM_AVX512
    /// Output pixels per accumulator of the row kernel: one AVX-512 register. Each
    /// input vector then feeds 8 × 16 multiply-adds, where 8 × 8 needed 9 loads per
    /// 4 cycles of multiply-adds and all 8 accumulators in flight to hide the latency
    /// (`Tools/bench/winograd.swift`, direct kernel, same machine, GFLOP/s before →
    /// after: 64→64 at 32x32 66–76 → 110, 16→16 at 32x32 79 → 99–108, 8→16 at 32x32
    /// 77 → 105; 16x16 and 8x8 planes unchanged). Rows narrower than 16 go to the
    /// channel-vector kernel, as 8x8 3x3 layers did already.
    typealias PixelVector = SIMD16<Float>
  #elseif SLIM_FMA
    /// Output pixels per accumulator of the row kernel (one AVX2 register).
    typealias PixelVector = SIMD8<Float>
  #else
    typealias PixelVector = SIMD4<Float>
  #endif
  /// Output channels per work item of the row kernel (two per 16-lane layout block).
  static let rowChannels = 8

  /// Whether the row kernel can run `g`: it vectorizes along output rows, so it
  /// needs input columns it can load as vectors (stride 1, or 2 from two loads) and
  /// rows at least a vector wide.
  static func canRunRows(_ g: Conv2D.Geometry) -> Bool {
    (g.strideW == 1 || g.strideW == 2) && g.outWidth >= PixelVector.scalarCount
  }

  /// Whether the row kernel is the faster one for `g`. Measured side by side on
  /// AVX2 (`SLIM_NATIVE=1`, GFLOP/s, row kernel vs channel-vector kernel):
  /// - 1x1: the row kernel wins on short reductions, where the channel-vector
  ///   kernel spends its time scattering lanes (16→64 at 32x32: 20.5 vs 6.1;
  ///   64→16: 16.5 vs 14.9) and loses from about 96 terms on (96→24 at 56x56:
  ///   15.5 vs 20.2; 192→32 at 28x28: 25.1 vs 42.1);
  /// - 3x3 and wider: the row kernel reuses each input vector across the row's
  ///   taps and wins wherever rows are at least two vectors wide (16→64 at 32x32:
  ///   41.6 vs 27.4; 128→128 at 16x16: 57.4 vs 46.3; 64→64 at 32x32: 41.0 vs 39.5),
  ///   and ties at one vector (256→256 at 8x8: 47.0 vs 48.3);
  /// - column stride 2 (`loadEvenColumns`), per-layer time on this machine, channel-vector →
  ///   row kernel: MobileNetV2's 3→32 3x3 at 224x224 0.88 → 0.46 ms with AVX-512 (1.52 →
  ///   1.48 portable), PreResNet-164's 64→128 1x1 130 → 89 µs (466 → 354 portable); its 3x3
  ///   stride-2 layers, whose rows are one 16-lane vector or less, stay as they were.
  static func prefersRows(_ g: Conv2D.Geometry) -> Bool {
    guard canRunRows(g) else { return false }
    let terms = (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth
    if g.kernelWidth > 1 && g.outWidth >= 2 * PixelVector.scalarCount { return true }
    return terms <= 64
  }

  /// Work items of `runRows(items:rows:)`.
  var rowItemCount: Int { geometry.groups * Self.blocksPerGroup(geometry) * (Self.layoutLanes / Self.rowChannels) }

  /// The row kernel: `rowChannels` output channels × `PixelVector.scalarCount`
  /// adjacent output pixels of one row per micro-kernel call, weights broadcast
  /// from the same packed layout. A row's last vector starts at `outWidth −
  /// vector`, recomputing (and rewriting with the same values) a few pixels
  /// rather than running a scalar tail. Disjoint ranges of items (output channels)
  /// or of `rows` (output rows) write disjoint outputs, so threads may run them
  /// concurrently. Precondition: `canRunRows(geometry)`. Cost: as `run(blocks:rows:)`.
  func runRows(items: Range<Int>, rows: Range<Int>) {
    let g = geometry
    let extent = Self.paddedExtent(g)
    let inPerGroup = g.inChannels / g.groups
    let plane = extent.height * extent.width
    let outPlane = g.outHeight * g.outWidth
    let width = PixelVector.scalarCount
    let clamp = Activation.clampBounds(activation)
    let bounds = clamp ?? (-.infinity, .infinity)
    for item in items {
      guard let (firstChannel, channels, weights, groupInput) = slice(item, width: Self.rowChannels) else { continue }
      for oh in rows {
        let rowInput = groupInput + oh * g.strideH * extent.width
        var ow = 0
        while ow < g.outWidth {
          let column = min(ow, g.outWidth - width)
          let input = rowInput + column * g.strideW
          // Two calls, so that each inlined copy loads with a constant stride.
          let sums =
            g.strideW == 1
            ? Self.rowMicroKernel(
              g, weights: weights, input: input, plane: plane, rowStride: extent.width, inPerGroup: inPerGroup,
              strideTwo: false)
            : Self.rowMicroKernel(
              g, weights: weights, input: input, plane: plane, rowStride: extent.width, inPerGroup: inPerGroup,
              strideTwo: true)
          let out = output + firstChannel * outPlane + oh * g.outWidth + column
          Self.storeRows(
            sums, channels: channels, bias: bias.map { $0 + firstChannel }, at: out, outPlane: outPlane, bounds: bounds)
          ow = column + width
        }
      }
      if clamp == nil { applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows) }
    }
  }

  typealias RowSums = Octet<PixelVector>

  /// 8 channels × one vector of pixels, summed over the input channels and taps;
  /// with `strideTwo`, pixels two input columns apart.
  @inline(__always)
  private static func rowMicroKernel(
    _ g: Conv2D.Geometry, weights: UnsafePointer<Float>, input: UnsafePointer<Float>, plane: Int, rowStride: Int,
    inPerGroup: Int, strideTwo: Bool
  ) -> RowSums {
    let zero = PixelVector(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var w = weights
    for ic in 0..<inPerGroup {
      for kh in 0..<g.kernelHeight {
        let row = input + ic * plane + kh * g.dilationH * rowStride
        for kw in 0..<g.kernelWidth {
          let x =
            strideTwo
            ? loadEvenColumns(row + kw * g.dilationW)
            : UnsafeRawPointer(row + kw * g.dilationW).loadUnaligned(as: PixelVector.self)
          multiplyAdd(&a0, x, w[0])
          multiplyAdd(&a1, x, w[1])
          multiplyAdd(&a2, x, w[2])
          multiplyAdd(&a3, x, w[3])
          multiplyAdd(&a4, x, w[4])
          multiplyAdd(&a5, x, w[5])
          multiplyAdd(&a6, x, w[6])
          multiplyAdd(&a7, x, w[7])
          w += layoutLanes
        }
      }
    }
    return (a0, a1, a2, a3, a4, a5, a6, a7)
  }

  /// Columns 0, 2, …, 2·(n − 1) from `pointer`, n = `PixelVector.scalarCount`: the
  /// even lanes of the vector at `pointer` and the odd lanes of the one at
  /// `pointer + n − 1`, so that nothing past the last column is read. Cost: two loads
  /// and a two-vector shuffle.
  @inline(__always)
  static func loadEvenColumns(_ pointer: UnsafePointer<Float>) -> PixelVector {
    let n = PixelVector.scalarCount
    let first = UnsafeRawPointer(pointer).loadUnaligned(as: PixelVector.self)
    let second = UnsafeRawPointer(pointer + (n - 1)).loadUnaligned(as: PixelVector.self)
    // `evenHalf`/`oddHalf`, which compile to shuffles; the same assembled lane by
    // lane was compiled to gathers.
    return PixelVector(lowHalf: first.evenHalf, highHalf: second.oddHalf)
  }

  /// Adds the bias and stores each of the first `channels` sums as one vector, clamped to `bounds`.
  @inline(__always)
  private static func storeRows(
    _ sums: RowSums, channels: Int, bias: UnsafePointer<Float>?, at out: UnsafeMutablePointer<Float>, outPlane: Int,
    bounds: (lower: Float, upper: Float)
  ) {
    forEach(in: sums, prefix: channels) { lane, sum in
      let value = bias.map { sum + $0[lane] } ?? sum
      UnsafeMutableRawPointer(out + lane * outPlane).storeBytes(
        of: Activation.clamp(value, bounds), as: PixelVector.self)
    }
  }
}
