extension BlockedConv2D {
  /// One 16-lane vector of output channels: a whole layout block.
  typealias BlockVector = SIMD16<Float>
  /// Output channels per work item of the pair kernel: two layout blocks.
  static let pairChannels = 2 * layoutLanes

  /// Whether sessions run the channel-vector path as pairs (`runPairs`) rather
  /// than one block at a time (`run(blocks:rows:)`): in `SLIM_AVX512` builds, whose
  /// 32 vector registers hold the 16 accumulators with room to spare.
  #if SLIM_AVX512
    static let prefersPairs = true
  #else
    static let prefersPairs = false
  #endif

  /// Work items of `runPairs(items:rows:)`: pairs of layout blocks, per group (a
  /// group's odd last block is an item of its own).
  var pairItemCount: Int { geometry.groups * ((Self.blocksPerGroup(geometry) + 1) / 2) }

  /// The channel-pair kernel: 2 × 16 output channels × 8 pixels per micro-kernel
  /// call, from the same packed weights as `run(blocks:rows:)`. Each input value,
  /// broadcast once, feeds two weight vectors, so a tap costs 2 + 8 loads for 16
  /// multiply-adds where the one-block kernel's costs 1 + 8 for 8. That kernel is
  /// load-bound on cores with two 512-bit multiply-add ports (Intel Xeon: about 80
  /// GFLOP/s of 174 on VGG-16's 4x4 layers). Its 16 accumulators, two weight vectors
  /// and a broadcast need AVX-512's 32 registers (AVX2 has 16), so the pair kernel is
  /// for `SLIM_AVX512` builds (every build compiles and tests it).
  /// Pixels are walked over the flattened plane as in `run(blocks:rows:)`, so
  /// small planes (4x4, 2x2) fill the calls too, in tiles of up to 8 calls; each
  /// tile's calls take the input channels in passes (`pairInputBlock`) whose
  /// weights the tile's calls share from the first-level cache. Computes output rows `rows` of
  /// the items' channels; disjoint ranges write disjoint outputs, so threads may
  /// run them concurrently. Precondition: `preparePaddedInput` has run.
  /// Cost: O(|items|·32·inPerGroup·kH·kW·|rows|·outW).
  func runPairs(items: Range<Int>, rows: Range<Int>) {
    if Taps.walksPointwise(geometry) {
      runPairs(PointwiseTaps.self, items: items, rows: rows)
    } else {
      runPairs(Taps.self, items: items, rows: rows)
    }
  }

  /// Input channels per pass of `runPairs` over a tile of pixels: all of the group's
  /// when their weights for the item's two blocks fit `pairSinglePassBytes`, else the
  /// group's input channels in as few equal passes as keep each pass's weights within
  /// `pairPassBytes`, so that they stay in the first-level cache while
  /// every call of the tile reads them. Without passes each
  /// call walked all of a group's input channels, so its weights (295 KB for 256→256
  /// 3x3) came from the second-level cache, or, for VGG-16's 9 MB 4x4 layers, from
  /// memory, once per call. O(1).
  static func pairInputBlock(_ g: Conv2D.Geometry) -> Int {
    let inPerGroup = g.inChannels / g.groups
    let bytesPerChannel = g.kernelHeight * g.kernelWidth * pairChannels * MemoryLayout<Float>.size
    if inPerGroup * bytesPerChannel <= pairSinglePassBytes { return inPerGroup }
    let largest = max(1, pairPassBytes / bytesPerChannel)
    let passes = (inPerGroup + largest - 1) / largest
    // At most `largest`, since passes ≥ inPerGroup / largest.
    return (inPerGroup + passes - 1) / passes
  }

  /// The most weight bytes one pass of `runPairs` reads per item (see `pairInputBlock`).
  static let pairPassBytes = 16384
  /// The most weight bytes per item that `runPairs` still reads in one pass: splitting
  /// them made 16→16 3x3 at 32x32 (18 KB, two passes of 8 channels) 1.03–1.26x slower
  /// (`Tools/bench/direct_conv.swift` shapes, alternated against the kernel without passes).
  static let pairSinglePassBytes = 32768

  /// Output pixels per tile of `runPairs`: the calls whose sums between passes
  /// (`PairTile`) are kept.
  static let pairTilePixels = 8 * pixels

  /// The sums of a tile's calls between passes over its input channels: call `k`'s
  /// 16 accumulators at `k`. On the stack (8 KiB), so the kernel needs no scratch.
  typealias PairTile = Octet<PairSums>
  /// The 16 accumulators of one pair micro-kernel call: 8 pixels of each block.
  typealias PairSums = (Octet<BlockVector>, Octet<BlockVector>)

  /// `runPairs` with the walk `Walk` (one specialized copy each).
  private func runPairs<Walk: TapWalk>(_: Walk.Type, items: Range<Int>, rows: Range<Int>) {
    let g = geometry
    let extent = Self.inputExtent(g)
    let inPerGroup = g.inChannels / g.groups, outPerGroup = g.outChannels / g.groups
    let blocksPerGroup = Self.blocksPerGroup(g)
    let pairsPerGroup = (blocksPerGroup + 1) / 2
    let blockWeights = inPerGroup * g.kernelHeight * g.kernelWidth * Self.layoutLanes
    let channelWeights = g.kernelHeight * g.kernelWidth * Self.layoutLanes
    let plane = extent.height * extent.width
    let outPlane = g.outHeight * g.outWidth
    let end = rows.upperBound * g.outWidth
    let clamp = Activation.clampBounds(activation)
    let bounds = clamp ?? (-.infinity, .infinity)
    let source = padded.map { UnsafePointer($0) } ?? input
    let inBlock = Self.pairInputBlock(g)
    // The first input channel of the last pass, after which the sums are stored.
    let lastPass = (inPerGroup - 1) / inBlock * inBlock
    // Written by a pass before the next one reads it, so its first value is never read.
    let zero = BlockVector(repeating: 0)
    let zeroSums: PairSums = (
      (zero, zero, zero, zero, zero, zero, zero, zero), (zero, zero, zero, zero, zero, zero, zero, zero)
    )
    var tile = PairTile(zeroSums, zeroSums, zeroSums, zeroSums, zeroSums, zeroSums, zeroSums, zeroSums)
    for item in items {
      let (group, pair) = item.quotientAndRemainder(dividingBy: pairsPerGroup)
      let firstChannel = group * outPerGroup + pair * Self.pairChannels
      let channels = min(Self.pairChannels, (group + 1) * outPerGroup - firstChannel)
      let first = weights + (group * blocksPerGroup + 2 * pair) * blockWeights
      // A lone last block runs as the first of the pair and again as the second,
      // whose sums are not stored: reading past the group would leave its weights.
      let second = channels > Self.layoutLanes ? first + blockWeights : first
      let groupInput = source + group * inPerGroup * plane
      var blockBias = (BlockVector(repeating: 0), BlockVector(repeating: 0))
      if let bias {
        for lane in 0..<channels {
          if lane < Self.layoutLanes {
            blockBias.0[lane] = bias[firstChannel + lane]
          } else {
            blockBias.1[lane - Self.layoutLanes] = bias[firstChannel + lane]
          }
        }
      }
      let (b0, b1) = blockBias
      let biasSums: PairSums = ((b0, b0, b0, b0, b0, b0, b0, b0), (b1, b1, b1, b1, b1, b1, b1, b1))
      var tileStart = rows.lowerBound * g.outWidth
      while tileStart < end {
        let tileEnd = min(tileStart + Self.pairTilePixels, end)
        // Passes over the input channels, each over every call of the tile; the
        // sums carry from pass to pass in `tile` and are stored after the last.
        for channel in stride(from: 0, through: lastPass, by: inBlock) {
          let taps = Walk(g, inputChannels: min(inBlock, inPerGroup - channel))
          let offset = channel * channelWeights
          var pixel = tileStart
          var run = PixelRun(row: tileStart / g.outWidth, column: tileStart % g.outWidth)
          var call = 0
          while pixel < tileEnd {
            let count = min(Self.pixels, tileEnd - pixel)
            // Short tail runs repeat the last pixel; its results are not stored.
            let starts = channel == 0 ? biasSums : Self.element(call, of: &tile)
            let inputs = run.pointers(groupInput + channel * plane, count: count, g, rowStride: extent.width)
            var sums: PairSums
            if count <= Self.pixels / 2 {
              // The kernel inlined once more for calls of at most 4 pixels, its pixels
              // 4–7 unused (`firstFour`): VGG-16's 2x2 planes, tails of 7x7 and 14x14 ones.
              sums = Self.pairMicroKernel(
                taps, starts: starts, weights: (first + offset, second + offset), inputs: inputs)
              sums = (firstFour(of: sums.0), firstFour(of: sums.1))
            } else {
              sums = Self.pairMicroKernel(
                taps, starts: starts, weights: (first + offset, second + offset), inputs: inputs)
            }
            if channel == lastPass {
              let out = output + firstChannel * outPlane + pixel
              storePair(sums.0, count: count, at: out, channels: min(channels, Self.layoutLanes), bounds: bounds)
              if channels > Self.layoutLanes {
                storePair(
                  sums.1, count: count, at: out + Self.layoutLanes * outPlane, channels: channels - Self.layoutLanes,
                  bounds: bounds)
              }
            } else {
              Self.setElement(call, of: &tile, to: sums)
            }
            pixel += count
            call += 1
            run.advance(by: count, outWidth: g.outWidth)
          }
        }
        tileStart = tileEnd
      }
      if clamp == nil { applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows) }
    }
  }

  /// Call `index`'s sums in `tile` (`index` in 0..<8). O(1).
  @inline(__always)
  private static func element(_ index: Int, of tile: inout PairTile) -> PairSums {
    // `inout`: a by-value tile was copied whole (8 KiB) per call. Typed pointers: the
    // raw-bytes `load(fromByteOffset:as:)` failed the firmware's -no-allocations check.
    withUnsafeMutablePointer(to: &tile) { $0.withMemoryRebound(to: PairSums.self, capacity: 8) { $0[index] } }
  }

  /// Sets call `index`'s sums in `tile` (`index` in 0..<8). O(1).
  @inline(__always)
  private static func setElement(_ index: Int, of tile: inout PairTile, to sums: PairSums) {
    withUnsafeMutablePointer(to: &tile) { $0.withMemoryRebound(to: PairSums.self, capacity: 8) { $0[index] = sums } }
  }

  /// `pixels` dot products of two channel blocks over the input channels and taps of
  /// `taps`, added to `starts`. Also the product phase of the Winograd kernel
  /// (`WinogradConv2D.multiplyPairs`), whose pixels are tiles and taps input channels.
  @inline(__always)
  static func pairMicroKernel<Walk: TapWalk>(
    _ taps: Walk, starts: PairSums, weights: (UnsafePointer<Float>, UnsafePointer<Float>),
    inputs: PixelPointers
  ) -> PairSums {
    var (a0, a1, a2, a3, a4, a5, a6, a7) = starts.0
    var (b0, b1, b2, b3, b4, b5, b6, b7) = starts.1
    var w = UnsafeRawPointer(weights.0)
    // The second block's weights, as a distance from the first's.
    let secondOffset = UnsafeRawPointer(weights.1) - w
    taps.forEach { offset in
      // Both weight streams, a fixed distance ahead: on VGG-16's 512-channel 4x4
      // and 2x2 layers, whose 9 MB of weights each come from memory when the shared
      // L3 does not hold them, the loads alone kept 6–9 GB/s (`Prefetch`).
      Prefetch.read(w + Prefetch.weightDistance)
      Prefetch.read(w + secondOffset + Prefetch.weightDistance)
      let u = w.loadUnaligned(as: BlockVector.self)
      let v = (w + secondOffset).loadUnaligned(as: BlockVector.self)
      w += layoutLanes * MemoryLayout<Float>.size
      var x = BlockVector(repeating: inputs.0[offset])
      multiplyAdd(&a0, u, x)
      multiplyAdd(&b0, v, x)
      x = BlockVector(repeating: inputs.1[offset])
      multiplyAdd(&a1, u, x)
      multiplyAdd(&b1, v, x)
      x = BlockVector(repeating: inputs.2[offset])
      multiplyAdd(&a2, u, x)
      multiplyAdd(&b2, v, x)
      x = BlockVector(repeating: inputs.3[offset])
      multiplyAdd(&a3, u, x)
      multiplyAdd(&b3, v, x)
      x = BlockVector(repeating: inputs.4[offset])
      multiplyAdd(&a4, u, x)
      multiplyAdd(&b4, v, x)
      x = BlockVector(repeating: inputs.5[offset])
      multiplyAdd(&a5, u, x)
      multiplyAdd(&b5, v, x)
      x = BlockVector(repeating: inputs.6[offset])
      multiplyAdd(&a6, u, x)
      multiplyAdd(&b6, v, x)
      x = BlockVector(repeating: inputs.7[offset])
      multiplyAdd(&a7, u, x)
      multiplyAdd(&b7, v, x)
    }
    return ((a0, a1, a2, a3, a4, a5, a6, a7), (b0, b1, b2, b3, b4, b5, b6, b7))
  }

  /// Scatters `count` pixels × `channels` lanes of one block, plus the `residual`
  /// when there is one, clamped to `bounds`, into the NCHW output at `out` (its first
  /// channel's first pixel). Transparent: `@inline(__always)` left it out of line
  /// (2–3% of VGG-16 and MobileNetV2).
  @_transparent
  private func storePair(
    _ sums: Octet<BlockVector>, count: Int, at out: UnsafeMutablePointer<Float>, channels: Int,
    bounds: (lower: Float, upper: Float)
  ) {
    let outPlane = geometry.outHeight * geometry.outWidth
    let residual = self.residual.map { $0 + (out - output) }
    forEach(in: sums, prefix: count) { p, sum in
      if let residual {
        for lane in 0..<channels {
          let i = lane * outPlane + p
          out[i] = Activation.clamp(sum[lane] + residual[i], bounds.lower, bounds.upper)
        }
      } else {
        let clamped = Activation.clamp(sum, bounds)
        for lane in 0..<channels { out[lane * outPlane + p] = clamped[lane] }
      }
    }
  }
}
