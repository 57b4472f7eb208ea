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
  /// small planes (4x4, 2x2) fill the calls too. Computes output rows `rows` of
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

  /// `runPairs` with the walk `Walk` (one specialized copy each).
  private func runPairs<Walk: TapWalk>(_: Walk.Type, items: Range<Int>, rows: Range<Int>) {
    let g = geometry
    let extent = Self.paddedExtent(g)
    let inPerGroup = g.inChannels / g.groups, outPerGroup = g.outChannels / g.groups
    let blocksPerGroup = Self.blocksPerGroup(g)
    let pairsPerGroup = (blocksPerGroup + 1) / 2
    let blockWeights = inPerGroup * g.kernelHeight * g.kernelWidth * Self.layoutLanes
    let plane = extent.height * extent.width
    let outPlane = g.outHeight * g.outWidth
    let end = rows.upperBound * g.outWidth
    let clamp = Activation.clampBounds(activation)
    let bounds = clamp ?? (-.infinity, .infinity)
    let source = padded.map { UnsafePointer($0) } ?? input
    let taps = Walk(g)
    for item in items {
      let (group, pair) = item.quotientAndRemainder(dividingBy: pairsPerGroup)
      let firstChannel = group * outPerGroup + pair * Self.pairChannels
      let channels = min(Self.pairChannels, (group + 1) * outPerGroup - firstChannel)
      let first = weights + (group * blocksPerGroup + 2 * pair) * blockWeights
      // A lone last block runs as the first of the pair and again as the second,
      // whose sums are not stored: reading past the group would leave its weights.
      let second = channels > Self.layoutLanes ? first + blockWeights : first
      let groupInput = source + group * inPerGroup * plane
      var starts = (BlockVector(repeating: 0), BlockVector(repeating: 0))
      if let bias {
        for lane in 0..<channels {
          if lane < Self.layoutLanes {
            starts.0[lane] = bias[firstChannel + lane]
          } else {
            starts.1[lane - Self.layoutLanes] = bias[firstChannel + lane]
          }
        }
      }
      var pixel = rows.lowerBound * g.outWidth
      var run = PixelRun(row: rows.lowerBound, column: 0)
      while pixel < end {
        let count = min(Self.pixels, end - pixel)
        // Short tail runs repeat the last pixel; its results are not stored.
        let sums = Self.pairMicroKernel(
          taps, starts: starts, weights: (first, second),
          inputs: run.pointers(groupInput, count: count, g, rowStride: extent.width))
        let out = output + firstChannel * outPlane + pixel
        storePair(sums.0, count: count, at: out, channels: min(channels, Self.layoutLanes), bounds: bounds)
        if channels > Self.layoutLanes {
          storePair(
            sums.1, count: count, at: out + Self.layoutLanes * outPlane, channels: channels - Self.layoutLanes,
            bounds: bounds)
        }
        pixel += count
        run.advance(by: count, outWidth: g.outWidth)
      }
      if clamp == nil { applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows) }
    }
  }

  /// `pixels` dot products of two channel blocks over all input channels and taps.
  @inline(__always)
  private static func pairMicroKernel<Walk: TapWalk>(
    _ taps: Walk, starts: (BlockVector, BlockVector), weights: (UnsafePointer<Float>, UnsafePointer<Float>),
    inputs: PixelPointers
  ) -> (Octet<BlockVector>, Octet<BlockVector>) {
    var a0 = starts.0, a1 = starts.0, a2 = starts.0, a3 = starts.0
    var a4 = starts.0, a5 = starts.0, a6 = starts.0, a7 = starts.0
    var b0 = starts.1, b1 = starts.1, b2 = starts.1, b3 = starts.1
    var b4 = starts.1, b5 = starts.1, b6 = starts.1, b7 = starts.1
    var w = UnsafeRawPointer(weights.0)
    // The second block's weights, as a distance from the first's.
    let secondOffset = UnsafeRawPointer(weights.1) - w
    taps.forEach { offset in
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
