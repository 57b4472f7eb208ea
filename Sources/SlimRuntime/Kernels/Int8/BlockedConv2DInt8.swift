/// Register-blocked int8 convolution: the fast path beside the plain
/// `Conv2DInt8`, which stays the reference it must match bit for bit.
///
/// It follows `BlockedConv2D`: weights packed into blocks of `lanes` output
/// channels with the channel innermost and input channels taken two or four at a
/// time (`Packing`; `[group][block][word][kH][kW][lanes][2 or 4]`, int8, zero past
/// the group's last channel on either axis), and a micro-kernel holding `pixels`
/// output pixels × `lanes` channels in `Int32` vector accumulators, multiplying one
/// tap's weight vector by one broadcast input word per pixel:
///
/// - `pairs`: the weights widened to 16 bits, `pairwiseDot` (`vpdpwssd`), two
///   multiply-adds per lane and instruction;
/// - `quads`: unsigned input bytes times signed weight bytes, `addingByteDot`
///   (`vpdpbusd` with `SLIM_VNNI`), four per lane and instruction. The input bytes
///   are `x + 128`, so each output's sum is too large by `(zeroPoint + 128)·Σw` (for
///   padding as well, which holds the zero point); the bias is corrected once, at
///   session creation (`correctedBias`).
///
/// The input is first copied into a scratch of such words (`Int8InputWords`) with
/// padding around it, so the inner loop has no bounds checks and no zero-point
/// arithmetic; padding contributes exactly what the reference's skipped taps do.
/// Accumulation is wrapping `Int32`, which is associative, so summing in another
/// order gives the reference's bits.
///
/// Preconditions of every member: pointers hold the counts their `Geometry`
/// implies, and `output` overlaps neither the input nor the scratch.
struct BlockedConv2DInt8 {
  /// The layout block: 8 channels in every build. Native AVX2 builds run the
  /// multiply-adds as `vpmaddwd` (portable SSE2 ones spill some accumulators, but
  /// still beat the scalar kernel); `SLIM_AVX512` builds run up to four blocks at a
  /// time (`runWide`).
  typealias Vector = SIMD8<Int32>
  static let lanes = Vector.scalarCount
  static let pixels = 8
  typealias PixelPointers = Octet<UnsafePointer<Int32>>

  let geometry: Conv2D.Geometry
  /// How `weights` and the scratch hold input channels.
  let packing: Packing
  let stage: Int8OutputStage
  /// int8 input, `inChannels·inH·inW` bytes.
  let input: UnsafeRawPointer
  /// The padded input words (`scratchCount(geometry, packing)` values).
  let scratch: UnsafeMutablePointer<Int32>
  /// Packed weights, `packedCount(geometry, packing)` bytes.
  let weights: UnsafePointer<Int8>
  /// int32 bias (for `quads`, `correctedBias`'s), multiplier and shift, `outChannels`
  /// each (raw: they live in `WGHT` or the session's memory).
  let bias: UnsafeRawPointer
  let multiplier: UnsafeRawPointer
  let shift: UnsafeRawPointer
  /// int8 output, `outChannels·outH·outW` bytes.
  let output: UnsafeMutableRawPointer

  /// Same rule as the float kernel: fewer than 8 outputs per group would waste lanes.
  static func isEligible(_ g: Conv2D.Geometry) -> Bool { BlockedConv2D.isEligible(g) }

  /// Whether a session runs `g` with this kernel: eligible and not depthwise (those
  /// take `ChannelAffineInt8` or the depthwise kernel), so the `PKI8` section stores
  /// its weights. O(1).
  static func isStored(_ g: Conv2D.Geometry) -> Bool {
    isEligible(g) && !NarrowInt8DepthwiseConv2D.isEligible(g)
  }

  static func blocksPerGroup(_ g: Conv2D.Geometry) -> Int { (g.outChannels / g.groups + lanes - 1) / lanes }

  var blockCount: Int { geometry.groups * Self.blocksPerGroup(geometry) }

  /// Whether threads should split this convolution by output rows rather than by
  /// output channels: the float kernel's rule (`BlockedConv2D.splitsByRows(parts:)`),
  /// for int8 weights and activations.
  func splitsByRows(parts: Int) -> Bool {
    BlockedConv2D.splitsByRows(
      geometry, parts: parts, weightCount: Self.packedCount(geometry, packing),
      minimumPixels: usesPointwise ? Self.pointSpan : 0)
  }

  /// Fills the scratch (`Int8InputWords`) that both kernels read. Run once before any
  /// `run(blocks:rows:)` or `runPointwise(items:rows:)`. `rows`: only those padded
  /// rows (sub-ranges of `0..<PaddedInput.paddedRows(geometry)`), so that threads can
  /// share the copy. Cost: O(C·paddedH·paddedW).
  func prepareInput(rows: Range<Int>? = nil) {
    Int8InputWords.fill(
      geometry, packing, rows: rows ?? 0..<PaddedInput.paddedRows(geometry), from: input,
      zeroPoint: stage.inputZeroPoint, into: scratch)
  }

  /// Pixels whose sums are collected before they are requantized together.
  static let chunk = 64

  /// Computes output rows `rows` of the channels of `blocks` (sub-ranges of
  /// `0..<outHeight` and `0..<blockCount`); disjoint ranges write disjoint outputs,
  /// so threads may run them concurrently.
  /// Cost: O(|blocks|·lanes·inPerGroup·kH·kW·|rows|·outW).
  func run(blocks: Range<Int>, rows: Range<Int>) {
    for block in blocks {
      switch packing {
      case .pairs: run(PairProduct.self, block: block, rows: rows)
      case .quads: run(QuadProduct.self, block: block, rows: rows)
      }
    }
  }

  /// Computes output rows `rows` of the `Product.Vector.scalarCount` channels from
  /// layout block `block` on (one, two or four blocks for 8, 16 or 32 lanes;
  /// precondition: all in one group).
  ///
  /// Sums are collected for `chunk` pixels at a time in a stack buffer, then each
  /// channel's run of them is requantized in one loop, in which the channel's
  /// multiplier and shift are invariant (requantizing pixel by pixel measured 3x
  /// the cost of the multiply-adds on 1x1 layers).
  @inline(__always)
  func run<Product: Int8TapProduct>(_: Product.Type, block: Int, rows: Range<Int>) {
    let g = geometry
    let lanes = Product.Vector.scalarCount
    let extent = BlockedConv2D.paddedExtent(g)
    let words = Int8InputWords.wordsPerGroup(g, packing), outPerGroup = g.outChannels / g.groups
    let blocksPerGroup = Self.blocksPerGroup(g)
    let plane = extent.height * extent.width
    let end = rows.upperBound * g.outWidth
    let blockWeights = words * g.kernelHeight * g.kernelWidth * Self.lanes * packing.channelsPerWord
    let group = block / blocksPerGroup
    let firstChannel = group * outPerGroup + (block % blocksPerGroup) * Self.lanes
    let channels = min(lanes, (group + 1) * outPerGroup - firstChannel)
    var start = Product.Vector(repeating: 0)
    for lane in 0..<channels {
      start[lane] = bias.load(fromByteOffset: (firstChannel + lane) * 4, as: Int32.self)
    }
    let groupInput = UnsafePointer(scratch) + group * words * plane
    let weights = self.weights + block * blockWeights
    // 32 × 64 × 4 = 8 KiB at most, and 8 vectors; hosted builds only, where the stack has room.
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: lanes * Self.chunk) { buffer in
      withUnsafeTemporaryAllocation(of: Product.Vector.self, capacity: Self.pixels) { stagingBuffer in
        let sums = buffer.baseAddress!, staging = stagingBuffer.baseAddress!
        var run = PixelRun(row: rows.lowerBound, column: 0)
        var chunkStart = rows.lowerBound * g.outWidth
        while chunkStart < end {
          let chunkCount = min(Self.chunk, end - chunkStart)
          var done = 0
          while done < chunkCount {
            let count = min(Self.pixels, chunkCount - done)
            // Short tail runs repeat the last pixel; its results are not kept.
            let inputs = run.pointers(groupInput, count: count, g, rowStride: extent.width)
            if Self.takesHalfCalls(Product.Vector.self) && count <= Self.pixels / 2 {
              // The same kernel inlined once more, its pixels 4–7 unused (`firstFour`).
              let result = Self.microKernel(
                Product.self, g, start: start, weights: weights, blockBytes: blockWeights, inputs: inputs,
                words: words, plane: plane, rowStride: extent.width)
              Self.collect(firstFour(of: result), count: count, staging: staging, into: sums + done)
            } else {
              let result = Self.microKernel(
                Product.self, g, start: start, weights: weights, blockBytes: blockWeights, inputs: inputs,
                words: words, plane: plane, rowStride: extent.width)
              Self.collect(result, count: count, staging: staging, into: sums + done)
            }
            done += count
            run.advance(by: count, outWidth: g.outWidth)
          }
          requantize(sums, count: chunkCount, pixel: chunkStart, firstChannel: firstChannel, channels: channels)
          chunkStart += chunkCount
        }
      }
    }
  }

  /// Whether calls of at most `pixels / 2` pixels run a kernel of 4 pixels: for
  /// vectors of 16 lanes or more (`runWide`, `SLIM_AVX512` builds), where the 8-pixel
  /// one spent half of its multiply-adds on repeated pixels at VGG-16's 2x2 planes;
  /// narrower vectors (and the firmware's code size) keep the one kernel. O(1).
  @_transparent
  static func takesHalfCalls<Vector: SIMD>(_: Vector.Type) -> Bool { Vector.scalarCount >= 16 }

  /// Writes `count` pixels' sums into `sums` as `[lane][chunk]`. 32-lane vectors are
  /// transposed in registers in `SLIM_AVX512` builds (`collectTransposed`), elsewhere
  /// through `staging` (`pixels` vectors): reading their lanes by index was lowered
  /// to a store of the whole vector per lane, which made the 32-lane kernel slower
  /// than the 16-lane one; narrower vectors' lanes are read in registers.
  @inline(__always)
  private static func collect<Vector: SIMD>(
    _ result: Octet<Vector>, count: Int, staging: UnsafeMutablePointer<Vector>, into sums: UnsafeMutablePointer<Int32>
  ) where Vector.Scalar == Int32 {
    #if SLIM_AVX512
      if Vector.scalarCount == 32 {
        collectTransposed(result, into: sums)
        return
      }
    #endif
    guard Vector.scalarCount > 16 else {
      forEach(in: result, prefix: count) { p, vector in
        for lane in 0..<Vector.scalarCount { sums[lane * chunk + p] = vector[lane] }
      }
      return
    }
    forEach(in: result, prefix: count) { p, vector in staging[p] = vector }
    let lanes = UnsafeRawPointer(staging)
    for lane in 0..<Vector.scalarCount {
      for p in 0..<count {
        sums[lane &* chunk &+ p] = lanes.load(fromByteOffset: (p &* Vector.scalarCount &+ lane) &* 4, as: Int32.self)
      }
    }
  }

  #if SLIM_AVX512
    /// `collect` for 32 lanes: the 8 pixels' low and high 16-lane halves as the 16 rows
    /// of a block transposed in registers (`SIMD16.transposed`, 64 two-source
    /// permutations), whose row `j` then holds lane `j`'s 8 pixels and lane `16 + j`'s,
    /// each copied to its run of `sums` as 32 bytes. Through `staging`, LLVM made the
    /// reads of a lane's 8 pixels 128 bytes apart into 4-element gathers, 64 per call:
    /// 7.5% of `runWide` in int8 VGG-16 (`perf`). All 8 pixels are written, so a short
    /// last call (fewer than 8 pixels, the rest repeating its last) writes up to `chunk`
    /// in each lane's run, past `count` but not past the run.
    /// Precondition: `Vector` is 32 lanes. Cost: O(1).
    @inline(__always)
    private static func collectTransposed<Vector: SIMD>(_ result: Octet<Vector>, into sums: UnsafeMutablePointer<Int32>)
    where Vector.Scalar == Int32 {
      typealias Halves = (low: SIMD16<Float>, high: SIMD16<Float>)
      // Bit patterns only: the transpose moves lanes and does no arithmetic.
      let h = (
        unsafeBitCast(result.0, to: Halves.self), unsafeBitCast(result.1, to: Halves.self),
        unsafeBitCast(result.2, to: Halves.self), unsafeBitCast(result.3, to: Halves.self),
        unsafeBitCast(result.4, to: Halves.self), unsafeBitCast(result.5, to: Halves.self),
        unsafeBitCast(result.6, to: Halves.self), unsafeBitCast(result.7, to: Halves.self)
      )
      let lanes = SIMD16<Float>.transposed(
        (
          h.0.low, h.1.low, h.2.low, h.3.low, h.4.low, h.5.low, h.6.low, h.7.low, h.0.high, h.1.high, h.2.high,
          h.3.high, h.4.high, h.5.high, h.6.high, h.7.high
        ))
      withUnsafeBytes(of: lanes) { rows in
        let half = 8 * MemoryLayout<Int32>.size
        for j in 0..<16 {
          let row = rows.baseAddress! + j * MemoryLayout<SIMD16<Float>>.stride
          UnsafeMutableRawPointer(sums + j * chunk).copyMemory(from: row, byteCount: half)
          UnsafeMutableRawPointer(sums + (16 + j) * chunk).copyMemory(from: row + half, byteCount: half)
        }
      }
    }
  #endif

  /// Output channel `channel`'s rescale, from the `multiplier` and `shift` arrays. O(1).
  @inline(__always)
  func rescale(ofChannel channel: Int) -> Rescale {
    Rescale(
      multiplier: multiplier.load(fromByteOffset: channel * 4, as: Int32.self),
      shift: shift.load(fromByteOffset: channel * 4, as: Int32.self))
  }

  /// Requantizes `count` collected pixels of `channels` lanes into the NCHW output from `pixel` on.
  @inline(__always)
  private func requantize(
    _ sums: UnsafePointer<Int32>, count: Int, pixel: Int, firstChannel: Int, channels: Int
  ) {
    let outPlane = geometry.outHeight * geometry.outWidth
    for lane in 0..<channels {
      let channel = firstChannel + lane
      let rescale = self.rescale(ofChannel: channel)
      let source = UnsafeRawPointer(sums + lane * Self.chunk)
      let destination = output + channel * outPlane + pixel
      var p = 0
      #if !_pointerBitWidth(_32)
        // 16 pixels at a time with the channel's one rescale (`UniformRescale`).
        let uniform = UniformRescale(rescale)
        while p + 16 <= count {
          let values = stage.finish(source.loadUnaligned(fromByteOffset: p * 4, as: SIMD16<Int32>.self), uniform)
          destination.storeBytes(of: values, toByteOffset: p, as: SIMD16<Int8>.self)
          p += 16
        }
      #endif
      let m = Vector(repeating: rescale.multiplier), s = Vector(repeating: rescale.shift)
      while p + Vector.scalarCount <= count {
        let values = stage.finish(
          source.loadUnaligned(fromByteOffset: p * 4, as: Vector.self), multiplier: m, shift: s)
        destination.storeBytes(of: values, toByteOffset: p, as: SIMD8<Int8>.self)
        p += Vector.scalarCount
      }
      while p < count {
        let sum = source.load(fromByteOffset: p * 4, as: Int32.self)
        destination.storeBytes(
          of: stage.finish(sum, multiplier: rescale.multiplier, shift: rescale.shift), toByteOffset: p,
          as: Int8.self)
        p += 1
      }
    }
  }

  /// `pixels` integer dot products of `Product.Vector`'s channels over all input words
  /// and taps; `blockBytes`: the packed weights of one layout block.
  @inline(__always)
  private static func microKernel<Product: Int8TapProduct>(
    _: Product.Type, _ g: Conv2D.Geometry, start: Product.Vector, weights: UnsafePointer<Int8>, blockBytes: Int,
    inputs: PixelPointers, words: Int, plane: Int, rowStride: Int
  ) -> Octet<Product.Vector> {
    var a0 = start, a1 = start, a2 = start, a3 = start, a4 = start, a5 = start, a6 = start, a7 = start
    var w = UnsafeRawPointer(weights)
    @inline(__always) func tap(_ offset: Int) {
      let vector = Product.weights(at: w, blockBytes: blockBytes)
      w += Product.weightBytes
      a0 = Product.accumulate(a0, vector, inputs.0[offset])
      a1 = Product.accumulate(a1, vector, inputs.1[offset])
      a2 = Product.accumulate(a2, vector, inputs.2[offset])
      a3 = Product.accumulate(a3, vector, inputs.3[offset])
      a4 = Product.accumulate(a4, vector, inputs.4[offset])
      a5 = Product.accumulate(a5, vector, inputs.5[offset])
      a6 = Product.accumulate(a6, vector, inputs.6[offset])
      a7 = Product.accumulate(a7, vector, inputs.7[offset])
    }
    // Offsets are in bounds by the preconditions, so wrapping arithmetic drops the
    // overflow checks, and a row of three adjacent taps (3x3 kernels) is unrolled: with
    // a checked three-trip inner loop, VGG-16's 37.7M-MAC int8 layers took 705–750 µs
    // each, and 620–650 µs this way (`pairs`, `slim-report --measure`, requantization included).
    let rowStep = g.dilationH &* rowStride
    if g.kernelWidth == 3 && g.dilationW == 1 {
      for word in 0..<words {
        var row = word &* plane
        for _ in 0..<g.kernelHeight {
          tap(row)
          tap(row &+ 1)
          tap(row &+ 2)
          row &+= rowStep
        }
      }
    } else {
      for word in 0..<words {
        var row = word &* plane
        for _ in 0..<g.kernelHeight {
          for kw in 0..<g.kernelWidth { tap(row &+ kw &* g.dilationW) }
          row &+= rowStep
        }
      }
    }
    return (a0, a1, a2, a3, a4, a5, a6, a7)
  }
}
