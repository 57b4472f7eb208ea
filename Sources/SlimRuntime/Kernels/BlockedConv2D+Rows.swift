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
  ///   stride-2 layers, whose rows are one 16-lane vector or less, stay as they were;
  /// - with vector pairs (`prefersRowPairs`), rows one vector wide too, paired across
  ///   rows, against the channel-pair kernel (Intel Xeon, AVX-512, `Tools/bench/direct_conv.swift`,
  ///   GFLOP/s): 128→128 3x3 at 16x16 154 vs 133, 32→32 at 16x16 131 vs 108.
  static func prefersRows(_ g: Conv2D.Geometry) -> Bool {
    guard canRunRows(g) else { return false }
    let terms = (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth
    let vectors = prefersRowPairs ? 1 : 2
    if g.kernelWidth > 1 && g.outWidth >= vectors * PixelVector.scalarCount { return true }
    return terms <= 64
  }

  /// Work items of `runRows(items:rows:)`.
  var rowItemCount: Int { geometry.groups * Self.blocksPerGroup(geometry) * (Self.layoutLanes / Self.rowChannels) }

  /// Whether `runRows` takes its pixel vectors two per micro-kernel call by
  /// default: in `SLIM_AVX512` builds, whose 32 registers hold the 16 accumulators.
  /// A pair shares each broadcast weight, so a tap costs 2 + 8 loads for 16
  /// multiply-adds where one vector's costs 1 + 8 for 8, which bound the kernel on
  /// cores with two 512-bit multiply-add ports (Intel Xeon, `Tools/bench/direct_conv.swift`).
  #if SLIM_AVX512
    static let prefersRowPairs = true
  #else
    static let prefersRowPairs = false
  #endif

  /// The row kernel: `rowChannels` output channels × `PixelVector.scalarCount`
  /// adjacent output pixels of one row per micro-kernel call, weights broadcast
  /// from the same packed layout; with `pairs`, two such vectors per call (the next
  /// two of the walk over the rows, so a row one vector wide pairs with the next
  /// row's). A row's last vector starts at `outWidth − vector`, recomputing (and
  /// rewriting with the same values) a few pixels rather than running a scalar
  /// tail. Disjoint ranges of items (output channels) or of `rows` (output rows)
  /// write disjoint outputs, so threads may run them concurrently.
  /// Precondition: `canRunRows(geometry)`. Cost: as `run(blocks:rows:)`.
  func runRows(items: Range<Int>, rows: Range<Int>, pairs: Bool = prefersRowPairs) {
    let g = geometry
    let extent = Self.paddedExtent(g)
    let width = PixelVector.scalarCount
    let outPlane = g.outHeight * g.outWidth
    let taps = Taps(g)
    let clamp = Activation.clampBounds(activation)
    let bounds = clamp ?? (-.infinity, .infinity)
    for item in items {
      guard let (firstChannel, channels, weights, groupInput) = slice(item, width: Self.rowChannels) else { continue }
      let origin = output + firstChannel * outPlane
      // The vector at output (row, column): its input and output pointers.
      @inline(__always) func vector(
        _ oh: Int, _ column: Int
      ) -> (input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        (groupInput + oh * g.strideH * extent.width + column * g.strideW, origin + oh * g.outWidth + column)
      }
      // A vector waiting for the second of its pair.
      var pending: (input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>)? = nil
      let itemBias = bias.map { $0 + firstChannel }
      @inline(__always) func store(_ sums: RowSums, at out: UnsafeMutablePointer<Float>) {
        Self.storeRows(sums, channels: channels, bias: itemBias, at: out, outPlane: outPlane, bounds: bounds)
      }
      for oh in rows {
        var ow = 0
        while ow < g.outWidth {
          let column = min(ow, g.outWidth - width)
          let next = vector(oh, column)
          if !pairs {
            store(rowSums(taps, weights, next.input), at: next.output)
          } else if let first = pending {
            let sums = rowPairSums(taps, weights, first.input, next.input)
            store(sums.0, at: first.output)
            store(sums.1, at: next.output)
            pending = nil
          } else {
            pending = next
          }
          ow = column + width
        }
      }
      if let last = pending { store(rowSums(taps, weights, last.input), at: last.output) }
      if clamp == nil { applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows) }
    }
  }

  /// One vector of sums at `input`, through the micro-kernel copy for the geometry's column stride.
  @inline(__always)
  private func rowSums(_ taps: Taps, _ weights: UnsafePointer<Float>, _ input: UnsafePointer<Float>) -> RowSums {
    // Two calls, so that each inlined copy loads with a constant stride.
    geometry.strideW == 1
      ? Self.rowMicroKernel(taps, weights: weights, input: input, strideTwo: false)
      : Self.rowMicroKernel(taps, weights: weights, input: input, strideTwo: true)
  }

  /// Two vectors of sums, at `first` and `second`, as `rowSums` gives each.
  @inline(__always)
  private func rowPairSums(
    _ taps: Taps, _ weights: UnsafePointer<Float>, _ first: UnsafePointer<Float>, _ second: UnsafePointer<Float>
  ) -> (RowSums, RowSums) {
    geometry.strideW == 1
      ? Self.rowPairMicroKernel(taps, weights: weights, inputs: (first, second), strideTwo: false)
      : Self.rowPairMicroKernel(taps, weights: weights, inputs: (first, second), strideTwo: true)
  }

  typealias RowSums = Octet<PixelVector>

  /// 8 channels × one vector of pixels, summed over the input channels and taps;
  /// with `strideTwo`, pixels two input columns apart.
  @inline(__always)
  private static func rowMicroKernel(
    _ taps: Taps, weights: UnsafePointer<Float>, input: UnsafePointer<Float>, strideTwo: Bool
  ) -> RowSums {
    let zero = PixelVector(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var w = weights
    taps.forEach { offset in
      let x = loadPixels(input + offset, strideTwo: strideTwo)
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
    return (a0, a1, a2, a3, a4, a5, a6, a7)
  }

  /// 8 channels × two vectors of pixels (at `inputs.0` and `inputs.1`), each
  /// broadcast weight feeding both.
  @inline(__always)
  private static func rowPairMicroKernel(
    _ taps: Taps, weights: UnsafePointer<Float>, inputs: (UnsafePointer<Float>, UnsafePointer<Float>),
    strideTwo: Bool
  ) -> (RowSums, RowSums) {
    let zero = PixelVector(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var b0 = zero, b1 = zero, b2 = zero, b3 = zero, b4 = zero, b5 = zero, b6 = zero, b7 = zero
    var w = weights
    // The second vector's input, as a distance from the first's.
    let distance = inputs.1 - inputs.0
    taps.forEach { offset in
      let x = loadPixels(inputs.0 + offset, strideTwo: strideTwo)
      let y = loadPixels(inputs.0 + (offset &+ distance), strideTwo: strideTwo)
      var v = PixelVector(repeating: w[0])
      multiplyAdd(&a0, x, v)
      multiplyAdd(&b0, y, v)
      v = PixelVector(repeating: w[1])
      multiplyAdd(&a1, x, v)
      multiplyAdd(&b1, y, v)
      v = PixelVector(repeating: w[2])
      multiplyAdd(&a2, x, v)
      multiplyAdd(&b2, y, v)
      v = PixelVector(repeating: w[3])
      multiplyAdd(&a3, x, v)
      multiplyAdd(&b3, y, v)
      v = PixelVector(repeating: w[4])
      multiplyAdd(&a4, x, v)
      multiplyAdd(&b4, y, v)
      v = PixelVector(repeating: w[5])
      multiplyAdd(&a5, x, v)
      multiplyAdd(&b5, y, v)
      v = PixelVector(repeating: w[6])
      multiplyAdd(&a6, x, v)
      multiplyAdd(&b6, y, v)
      v = PixelVector(repeating: w[7])
      multiplyAdd(&a7, x, v)
      multiplyAdd(&b7, y, v)
      w += layoutLanes
    }
    return ((a0, a1, a2, a3, a4, a5, a6, a7), (b0, b1, b2, b3, b4, b5, b6, b7))
  }

  /// One vector of pixels from `pointer`: adjacent columns, or with `strideTwo`
  /// every other one (`loadEvenColumns`).
  @inline(__always)
  static func loadPixels(_ pointer: UnsafePointer<Float>, strideTwo: Bool) -> PixelVector {
    strideTwo ? loadEvenColumns(pointer) : UnsafeRawPointer(pointer).loadUnaligned(as: PixelVector.self)
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

  /// Adds the bias (from `bias`, the item's first channel's) and stores each of the
  /// first `channels` sums as one vector at `out` (the first channel's plane),
  /// clamped to `bounds`.
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
