/// Depthwise convolution (one input channel per output channel): the fast path
/// for the layers `BlockedConv2D` leaves out, float32 and int8 from one loop.
///
/// Each channel's rows are first copied into a zero-padded band (for int8, already
/// shifted by the input zero point and as `Float`; see `PaddedInput.copyBand` and
/// `Int8DepthwiseEpilogue`) in the part's own
/// scratch, and read from there while it is still in L1, so the inner loop has no
/// bounds checks; the band's padding is zeroed once per call (`PaddedInput.clearBand`). Copying the whole tensor first, as the other convolutions do,
/// wrote and re-read up to 4.9 MB on MobileNetV2 (96x112x112): more than the L2.
/// Vectors run along an output row:
/// `Lane.scalarCount` adjacent output columns per vector (3x3 taps: an unrolled
/// path, `DepthwiseConv2D+3x3.swift`; others four vectors at a time), with the
/// same arithmetic in every path. Taps are summed in the plain `Conv2D`'s order, so the float result
/// differs from it only by fused multiply-add rounding in native builds; the int8
/// result is bit-exact (its float sums are exact integers).
///
/// Preconditions of every member: the geometry is depthwise (`isEligible`), the
/// pointers hold the counts it implies, and the output overlaps neither the input
/// nor the scratch.
struct DepthwiseConv2D<Lane: DepthwiseLane, Epilogue: DepthwiseEpilogue> where Epilogue.Lane == Lane {
  let geometry: Conv2D.Geometry
  let input: Epilogue.Input
  /// Per-part scratch, `parts · scratchCount` scalars: part `p` pads its channels' bands
  /// into `scratch + p · scratchCount`.
  let scratch: UnsafeMutablePointer<Lane.Scalar>
  /// `outChannels·kH·kW` taps, as stored in the model.
  let weights: Epilogue.Weights
  let epilogue: Epilogue

  /// One input channel per group and one output per group (channel multiplier 1).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool {
    g.groups > 1 && g.groups == g.inChannels && g.groups == g.outChannels
  }

  /// Whether this kernel beats the plain float `Conv2D` on `g`. With its 3x3 path
  /// it always does (AVX2, same run: 144x56x56 0.33 vs 0.71 ms, 32x112x112 0.34 vs
  /// 0.75, 96x112x112 stride 2 0.35 vs 1.29). Without it, the plain kernel's
  /// whole-row multiply-adds stream better for stride 1 on wide planes, and this
  /// kernel wins on strided and narrow ones. Int8 always uses this kernel (the
  /// plain int8 one is scalar).
  static func beatsPlainFloatKernel(_ g: Conv2D.Geometry) -> Bool {
    takes3x3Path(g) || g.strideW != 1 || g.outWidth < 32
  }

  /// Whether `run` takes the unrolled 3x3 path: 3x3 taps, no dilation, column stride 1 or 2.
  static func takes3x3Path(_ g: Conv2D.Geometry) -> Bool {
    g.kernelHeight == 3 && g.kernelWidth == 3 && g.dilationH == 1 && g.dilationW == 1
      && (g.strideW == 1 || g.strideW == 2)
  }

  /// Scalars past a band that vector loads may read (and whose lanes are never
  /// kept): a row's vector reads up to `2·Lane.scalarCount` scalars from its first
  /// column, past the row's end when the row is narrower than a vector.
  static var slack: Int { 4 * Lane.scalarCount }

  /// Scalars of one part's scratch: one channel's whole padded plane, `slack`
  /// included, then the epilogue's sums (`DepthwiseEpilogue.sumsCount`). O(1).
  static func scratchCount(_ g: Conv2D.Geometry) -> Int {
    bandCount(g) + Epilogue.sumsCount(g)
  }

  /// Scalars of one part's padded plane and its `slack`: where the part's sums begin. O(1).
  static func bandCount(_ g: Conv2D.Geometry) -> Int {
    let extent = BlockedConv2D.paddedExtent(g)
    return extent.height * extent.width + slack
  }

  /// The padded rows output rows `rows` read. O(1).
  static func bandRows(_ g: Conv2D.Geometry, _ rows: Range<Int>) -> Range<Int> {
    rows.lowerBound * g.strideH..<(rows.upperBound - 1) * g.strideH + (g.kernelHeight - 1) * g.dilationH + 1
  }

  /// Computes output rows `rows` of output channels `channels` (sub-ranges of
  /// `0..<outHeight` and `0..<outChannels`, `rows` not empty) with part `part`'s
  /// scratch; disjoint ranges write disjoint outputs, so threads may run them
  /// concurrently with different parts.
  /// Cost: O(|channels|·(kH·kW·|rows|·outW + band rows·paddedW)).
  func run(channels: Range<Int>, rows: Range<Int>, part: Int) {
    let g = geometry
    let band = Self.bandRows(g, rows)
    let padded = scratch + part * Self.scratchCount(g)
    // `Lane()` is all zeros: the padding value of both scalar types.
    PaddedInput.clearBand(g, extent: BlockedConv2D.paddedExtent(g), rows: band, into: padded, zero: Lane()[0])
    let sums = padded + Self.bandCount(g)
    if Self.takes3x3Path(g) {
      run3x3(channels: channels, rows: rows, band: band, padded: padded, sums: sums)
      return
    }
    let extent = BlockedConv2D.paddedExtent(g)
    let taps = g.kernelHeight * g.kernelWidth
    let width = Lane.scalarCount
    for channel in channels {
      epilogue.copyBand(g, channel: channel, rows: band, from: input, into: padded)
      let source = UnsafePointer(padded)
      let start = epilogue.bias(channel)
      let output = epilogue.output(of: channel, sums: sums)
      let firstTap = channel * taps
      for oh in rows {
        let rowBase = source + (oh * g.strideH - band.lowerBound) * extent.width
        let outRow = oh * g.outWidth
        /// The input of output column `ow` at tap (kh, kw).
        // Wrapping arithmetic: validated geometries keep every offset far below 2^31, and the
        // overflow checks of `*` and `+` in the innermost loop cost more than the loads.
        @inline(__always) func at(_ ow: Int, _ kh: Int, _ kw: Int) -> UnsafePointer<Lane.Scalar> {
          rowBase + (kh &* g.dilationH &* extent.width &+ ow &* g.strideW &+ kw &* g.dilationW)
        }
        var ow = 0
        // Four vectors at a time: independent accumulators hide the multiply-add latency.
        while ow + 4 * width <= g.outWidth {
          var s0 = Lane(repeating: start), s1 = s0, s2 = s0, s3 = s0
          var tap = firstTap
          for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
              let w = epilogue.weight(weights, tap)
              s0.multiplyAdd(Lane.load(at(ow, kh, kw), stride: g.strideW), w)
              s1.multiplyAdd(Lane.load(at(ow + width, kh, kw), stride: g.strideW), w)
              s2.multiplyAdd(Lane.load(at(ow + 2 * width, kh, kw), stride: g.strideW), w)
              s3.multiplyAdd(Lane.load(at(ow + 3 * width, kh, kw), stride: g.strideW), w)
              tap += 1
            }
          }
          epilogue.store(s0, output, at: outRow + ow)
          epilogue.store(s1, output, at: outRow + ow + width)
          epilogue.store(s2, output, at: outRow + ow + 2 * width)
          epilogue.store(s3, output, at: outRow + ow + 3 * width)
          ow += 4 * width
        }
        // Then one vector at a time; the last one ends at the row's end, recomputing
        // (and storing again, with the same values) a few columns instead of a scalar tail.
        while ow < g.outWidth && g.outWidth >= width {
          let column = min(ow, g.outWidth - width)
          var sum = Lane(repeating: start)
          var tap = firstTap
          for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
              sum.multiplyAdd(Lane.load(at(column, kh, kw), stride: g.strideW), epilogue.weight(weights, tap))
              tap += 1
            }
          }
          epilogue.store(sum, output, at: outRow + column)
          ow = column + width
        }
        // Rows narrower than a vector: one column at a time.
        while ow < g.outWidth {
          var sum = start
          var tap = firstTap
          for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
              Lane.multiplyAdd(&sum, at(ow, kh, kw).pointee, epilogue.weight(weights, tap))
              tap += 1
            }
          }
          epilogue.store(sum, output, at: outRow + ow)
          ow += 1
        }
      }
      epilogue.finish(output, from: rows.lowerBound * g.outWidth, count: rows.count * g.outWidth)
    }
  }
}

/// The vector a depthwise row is computed in (`Float` lanes, for int8 as well:
/// `Int8DepthwiseEpilogue`).
protocol DepthwiseLane: SIMD {
  /// Scalars 0, 2, 4, … of the `2·scalarCount` scalars from `pointer` (stride-2 columns);
  /// reads all `2·scalarCount`.
  static func loadEvenLanes(_ pointer: UnsafePointer<Scalar>) -> Self
  /// `self += x · w` lane-wise.
  mutating func multiplyAdd(_ x: Self, _ w: Scalar)
  /// `sum += x · w` for one scalar (the row's tail), with the same arithmetic.
  static func multiplyAdd(_ sum: inout Scalar, _ x: Scalar, _ w: Scalar)
  /// `scalarCount` values `stride` apart starting at `pointer`.
  static func load(_ pointer: UnsafePointer<Scalar>, stride: Int) -> Self
}

extension DepthwiseLane {
  @inline(__always)
  static func load(_ pointer: UnsafePointer<Scalar>, stride: Int) -> Self {
    if stride == 1 { return UnsafeRawPointer(pointer).loadUnaligned(as: Self.self) }
    var result = Self()
    for lane in 0..<scalarCount { result[lane] = pointer[lane * stride] }
    return result
  }
}

extension SIMD8: DepthwiseLane where Scalar: DepthwiseScalar {
  @inline(__always)
  static func loadEvenLanes(_ pointer: UnsafePointer<Scalar>) -> Self {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Scalar>.self).evenHalf
  }
  @inline(__always)
  mutating func multiplyAdd(_ x: Self, _ w: Scalar) { self = Scalar.multiplyAdd(self, x, w) }
  @inline(__always)
  static func multiplyAdd(_ sum: inout Scalar, _ x: Scalar, _ w: Scalar) { sum = Scalar.multiplyAdd(sum, x, w) }
}

/// The wide float lane (`WideFloatDepthwiseConv2D`); the same members as `SIMD8`'s,
/// one width up.
extension SIMD16: DepthwiseLane where Scalar: DepthwiseScalar {
  @inline(__always)
  static func loadEvenLanes(_ pointer: UnsafePointer<Scalar>) -> Self {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD32<Scalar>.self).evenHalf
  }
  @inline(__always)
  mutating func multiplyAdd(_ x: Self, _ w: Scalar) { self = Scalar.multiplyAdd(self, x, w) }
  @inline(__always)
  static func multiplyAdd(_ sum: inout Scalar, _ x: Scalar, _ w: Scalar) { sum = Scalar.multiplyAdd(sum, x, w) }
}

#if hasFeature(Embedded)
  /// What `DepthwiseScalar` refines: `SIMDScalar` and `Hashable` (no `Codable` in Embedded Swift).
  typealias DepthwiseScalarBase = SIMDScalar & Hashable
#else
  /// What `DepthwiseScalar` refines: hosted `SIMD` vectors are `Codable`, so their
  /// scalars are too (without it the compiler warns at every generic use).
  typealias DepthwiseScalarBase = SIMDScalar & Hashable & Codable
#endif

/// Scalars a depthwise row may hold, with their multiply-add.
protocol DepthwiseScalar: DepthwiseScalarBase {
  static func multiplyAdd<V: SIMD>(_ sum: V, _ x: V, _ w: Self) -> V where V.Scalar == Self
  static func multiplyAdd(_ sum: Self, _ x: Self, _ w: Self) -> Self
}

extension Float: DepthwiseScalar {
  @inline(__always)
  static func multiplyAdd<V: SIMD>(_ sum: V, _ x: V, _ w: Float) -> V where V.Scalar == Float {
    #if SLIM_FMA
      sum.addingProduct(x, V(repeating: w))
    #else
      sum + x * w
    #endif
  }
  @inline(__always)
  static func multiplyAdd(_ sum: Float, _ x: Float, _ w: Float) -> Float { sum + x * w }
}

/// The float depthwise kernel in lanes of `Lane`.
typealias FloatDepthwiseConv2D<Lane: DepthwiseLane> = DepthwiseConv2D<Lane, FloatDepthwiseEpilogue<Lane>>
where Lane.Scalar == Float

/// The two float depthwise kernels sessions choose between (`prefersWideLanes`).
typealias NarrowFloatDepthwiseConv2D = FloatDepthwiseConv2D<SIMD8<Float>>
typealias WideFloatDepthwiseConv2D = FloatDepthwiseConv2D<SIMD16<Float>>

extension DepthwiseConv2D {
  /// Whether sessions run float32 layer `g` in 16 lanes rather than 8: in
  /// `SLIM_AVX512` builds, for rows wider than 8 columns, which 16 lanes cover in half
  /// the loads and multiply-adds. Rows of 8 or fewer fit one 8-lane vector, and 16
  /// lanes measured slower there (MobileNetV2 on an Intel Xeon, `slim-report --measure`,
  /// 8 → 16 lanes, µs: 960 channels at 7x7 63 → 85–95, at 14x14 65 → 53, 28x28 114 →
  /// 83, 56x56 301 → 245). Where the cores split 512-bit operations in halves
  /// (`SLIM_AVX512_HALVES`), for column stride 2 only: with stride 1, 8 lanes measured
  /// faster (`Tools/bench/depthwise.swift`, AMD Zen 4, two runs, µs, 8 vs 16 lanes:
  /// 32@112x112 141 vs 149–150, 144@56x56 151–152 vs 180–181, 192@28x28 56–58 vs
  /// 60–61, 576@14x14 43 vs 51, 384@14x14 34 vs 33), with stride 2 16 lanes (96@112x112
  /// 296–299 vs 262–263, 144@56x56 114–115 vs 93–94). Int8 layers choose by
  /// `prefersWideInt8Lanes`. O(1).
  static func prefersWideLanes(_ g: Conv2D.Geometry) -> Bool {
    #if SLIM_AVX512_HALVES
      return g.outWidth > 8 && g.strideW == 2
    #elseif SLIM_AVX512
      return g.outWidth > 8
    #else
      return false
    #endif
  }

  /// `prefersWideLanes` for int8 layers: in `SLIM_AVX512` builds, for rows of 16 or
  /// more. Narrower rows take 8 lanes, which keep their sums for one 16-lane
  /// requantization of the whole plane (`Int8DepthwiseLane.defersRequantization`); 16
  /// lanes requantize a vector per row, which on rows of 7 or 14 is mostly empty lanes.
  /// Measured (`Tools/bench/depthwise.swift`, Intel Xeon, best of four alternated
  /// runs, µs, 16 lanes requantizing each row → 8 lanes deferring): 960@7x7 76 → 56,
  /// 576@14x14 stride 2 (7 columns) 74 → 52, 576@14x14 80 → 68, 384@14x14 54 → 51,
  /// 192@28x28 stride 2 (14 columns) 50 → 46. On rows of 16 or more deferring lost or
  /// tied (32@112x112 191 → 208, 96@112x112 stride 2 275 → 300, 144@56x56 stride 2
  /// 106 → 122, 192@28x28 86 → 87), once gained (144@56x56 244 → 233). O(1).
  static func prefersWideInt8Lanes(_ g: Conv2D.Geometry) -> Bool {
    #if SLIM_AVX512
      return g.outWidth >= 16
    #else
      return false
    #endif
  }
}
