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
    // One specialized function per column stride and pairing: with the four
    // micro-kernel copies in one, the optimizer left parts of them out of line, their
    // sums passing through memory (MobileNetV2's first layer ran 2–4x slower).
    switch (geometry.strideW == 1, pairs) {
    case (true, false): runRows(AdjacentColumns.self, items: items, rows: rows)
    case (false, false): runRows(EvenColumns.self, items: items, rows: rows)
    case (true, true): runRowPairs(AdjacentColumns.self, items: items, rows: rows)
    case (false, true): runRowPairs(EvenColumns.self, items: items, rows: rows)
    }
  }

  /// `runRows` one vector per micro-kernel call, loading pixels with `Load`.
  private func runRows<Load: PixelLoad>(_: Load.Type, items: Range<Int>, rows: Range<Int>) {
    let taps = Taps(geometry), store = RowStore(self), vectors = RowVectors(self, rows: rows)
    for item in items {
      guard let (firstChannel, channels, weights, input) = slice(item, width: Self.rowChannels) else { continue }
      for k in 0..<vectors.count {
        let v = vectors[k]
        let sums = Self.rowMicroKernel(Load.self, taps, weights: weights, input: input + v.input)
        store.put(sums, firstChannel: firstChannel, channels: channels, at: v.output)
      }
      if !store.clamps { applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows) }
    }
  }

  /// `runRows` two vectors per micro-kernel call (the walk's vectors taken in pairs,
  /// a row's last with the next row's first; an odd last one with itself), loading
  /// pixels with `Load`. One micro-kernel call site: with a second (for the odd
  /// vector), the optimizer left the loads and stores around them as calls.
  private func runRowPairs<Load: PixelLoad>(_: Load.Type, items: Range<Int>, rows: Range<Int>) {
    let taps = Taps(geometry), store = RowStore(self), vectors = RowVectors(self, rows: rows)
    for item in items {
      guard let (firstChannel, channels, weights, input) = slice(item, width: Self.rowChannels) else { continue }
      for k in stride(from: 0, to: vectors.count, by: 2) {
        let first = vectors[k], second = vectors[min(k + 1, vectors.count - 1)]
        let sums = Self.rowPairMicroKernel(
          Load.self, taps, weights: weights, inputs: (input + first.input, input + second.input))
        store.put(sums.0, firstChannel: firstChannel, channels: channels, at: first.output)
        if k + 1 < vectors.count {
          store.put(sums.1, firstChannel: firstChannel, channels: channels, at: second.output)
        }
      }
      if !store.clamps { applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows) }
    }
  }

  /// The pixel vectors of output rows `rows`, in order: per row, vectors from column 0
  /// on, the last ending at the row's end (recomputing a few columns).
  struct RowVectors {
    let firstRow: Int, perRow: Int, count: Int
    let outWidth: Int, inputRowStep: Int, inputColumnStep: Int

    init(_ conv: BlockedConv2D, rows: Range<Int>) {
      let g = conv.geometry, width = PixelVector.scalarCount
      firstRow = rows.lowerBound
      perRow = (g.outWidth + width - 1) / width
      count = rows.count * perRow
      outWidth = g.outWidth
      inputRowStep = g.strideH * BlockedConv2D.inputExtent(g).width
      inputColumnStep = g.strideW
    }

    /// Vector `k`'s first pixel: its offset in a group's padded input and in an output
    /// channel's plane. O(1).
    @inline(__always)
    subscript(k: Int) -> (input: Int, output: Int) {
      let (row, index) = k.quotientAndRemainder(dividingBy: perRow)
      let oh = firstRow + row, column = min(index * PixelVector.scalarCount, outWidth - PixelVector.scalarCount)
      return (oh * inputRowStep + column * inputColumnStep, oh * outWidth + column)
    }
  }

  /// How the row kernel stores a vector of sums per channel: bias added, the
  /// activation's clamp applied (or none, when the activation is not a clamp and is
  /// applied over the finished rows).
  struct RowStore {
    let output: UnsafeMutablePointer<Float>
    let bias: UnsafePointer<Float>?
    let outPlane: Int
    let bounds: (lower: Float, upper: Float)
    let clamps: Bool

    init(_ conv: BlockedConv2D) {
      let clamp = Activation.clampBounds(conv.activation)
      output = conv.output
      bias = conv.bias
      outPlane = conv.geometry.outHeight * conv.geometry.outWidth
      bounds = clamp ?? (-.infinity, .infinity)
      clamps = clamp != nil
    }

    /// Stores the first `channels` of `sums`, channel `firstChannel + k` from sum `k`,
    /// at plane offset `offset`. Written out without a closure: over
    /// `forEach(in:prefix:)` the optimizer left it out of line, the sums passing
    /// through memory (MobileNetV2's first layer ran 2–4x slower). Transparent: called
    /// from two places in each row-pair function, `@inline(__always)` left it a call.
    @_transparent
    func put(_ sums: RowSums, firstChannel: Int, channels: Int, at offset: Int) {
      let out = output + firstChannel * outPlane + offset
      put(sums.0, out, firstChannel)
      if channels > 1 { put(sums.1, out + outPlane, firstChannel + 1) }
      if channels > 2 { put(sums.2, out + 2 * outPlane, firstChannel + 2) }
      if channels > 3 { put(sums.3, out + 3 * outPlane, firstChannel + 3) }
      if channels > 4 { put(sums.4, out + 4 * outPlane, firstChannel + 4) }
      if channels > 5 { put(sums.5, out + 5 * outPlane, firstChannel + 5) }
      if channels > 6 { put(sums.6, out + 6 * outPlane, firstChannel + 6) }
      if channels > 7 { put(sums.7, out + 7 * outPlane, firstChannel + 7) }
    }

    /// One channel's vector. Transparent: `@inline(__always)` left it out of line.
    @_transparent
    func put(_ sum: PixelVector, _ out: UnsafeMutablePointer<Float>, _ channel: Int) {
      var value = sum
      if let bias { value += bias[channel] }
      UnsafeMutableRawPointer(out).storeBytes(of: Activation.clamp(value, bounds), as: PixelVector.self)
    }
  }

  typealias RowSums = Octet<PixelVector>

  /// 8 channels × one vector of pixels (loaded by `Load`), summed over the input
  /// channels and taps.
  @inline(__always)
  private static func rowMicroKernel<Load: PixelLoad>(
    _: Load.Type, _ taps: Taps, weights: UnsafePointer<Float>, input: UnsafePointer<Float>
  ) -> RowSums {
    let zero = PixelVector(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var w = weights
    taps.forEach { offset in
      let x = Load.load(input + offset)
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
  private static func rowPairMicroKernel<Load: PixelLoad>(
    _: Load.Type, _ taps: Taps, weights: UnsafePointer<Float>, inputs: (UnsafePointer<Float>, UnsafePointer<Float>)
  ) -> (RowSums, RowSums) {
    let zero = PixelVector(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var b0 = zero, b1 = zero, b2 = zero, b3 = zero, b4 = zero, b5 = zero, b6 = zero, b7 = zero
    var w = weights
    // The second vector's input, as a distance from the first's.
    let distance = inputs.1 - inputs.0
    taps.forEach { offset in
      let x = Load.load(inputs.0 + offset)
      let y = Load.load(inputs.0 + (offset &+ distance))
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
}

/// How the row kernel loads one vector of pixels: a type per column stride, so that
/// each micro-kernel copy is specialized for its loads.
protocol PixelLoad {
  static func load(_ pointer: UnsafePointer<Float>) -> BlockedConv2D.PixelVector
}

/// Column stride 1: adjacent columns, one unaligned load.
enum AdjacentColumns: PixelLoad {
  @inline(__always)
  static func load(_ pointer: UnsafePointer<Float>) -> BlockedConv2D.PixelVector {
    UnsafeRawPointer(pointer).loadUnaligned(as: BlockedConv2D.PixelVector.self)
  }
}

/// Column stride 2: every other column (`BlockedConv2D.loadEvenColumns`).
enum EvenColumns: PixelLoad {
  @inline(__always)
  static func load(_ pointer: UnsafePointer<Float>) -> BlockedConv2D.PixelVector {
    BlockedConv2D.loadEvenColumns(pointer)
  }
}
