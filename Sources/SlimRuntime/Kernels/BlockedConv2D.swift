/// Register-blocked fp32 convolution: the fast path beside the plain `Conv2D`,
/// which stays the reference it is tested against.
///
/// Activations stay NCHW (so every other kernel is unchanged); the weights are
/// in blocks of `layoutLanes` (16) output channels with the channel innermost:
/// `[group][block][inPerGroup][kH][kW][16]`, zero-filled past the group's last
/// channel. That layout is the same in every build, so `slim-pack
/// --packed-weights` can store it in the file (`PACK`) and sessions use it in
/// place; otherwise it is packed once, at session creation. A build whose
/// vector has fewer lanes (portable: 4) runs each block as 16 / `lanes`
/// sub-blocks. The micro-kernel holds `pixels` output pixels × `lanes`
/// output channels in `Vector` accumulators, and per
/// weight vector it loads, broadcasts one input value per pixel. Inputs are read
/// through a zero-padded copy, so the inner loop has no bounds checks; pixels
/// are taken over the flattened output plane, so 2x2 planes fill the block too.
///
/// Preconditions of every member: pointers hold the counts their `Geometry`
/// implies, and `output` overlaps neither the input nor the scratch copy.
struct BlockedConv2D {
  #if SLIM_FMA
    /// Native builds: 8 accumulators of 16 lanes. On AVX2 (16 registers of 8 floats)
    /// that spills a little, yet measured faster than 8 lanes on VGG-16 (17 vs 22 ms),
    /// since each broadcast input feeds twice the multiply-adds.
    typealias Vector = SIMD16<Float>
  #else
    /// Portable builds (SSE2 on x86_64, 16 registers of 4 lanes): 4 lanes keep the
    /// 8 accumulators at 8 registers.
    typealias Vector = SIMD4<Float>
  #endif
  /// Output channels per weight vector (per work item).
  static let lanes = Vector.scalarCount
  /// Output channels per block of the packed layout, in every build.
  /// `SlimFormat.packedWeightsLanes`, the lane count of the `PACK` section (a test
  /// keeps the two equal; the kernels do not depend on the format module's types).
  static let layoutLanes = 16
  /// Work items per layout block.
  static let subBlocks = layoutLanes / lanes
  /// One input pointer per pixel of a micro-kernel call.
  typealias PixelPointers = Octet<UnsafePointer<Float>>
  /// One accumulator per pixel of a micro-kernel call.
  typealias Sums = Octet<Vector>
  /// Output pixels per micro-kernel call.
  static let pixels = 8

  let geometry: Conv2D.Geometry
  let input: UnsafePointer<Float>
  /// Zero-padded copy of `input` (`paddedCount` floats); nil when the geometry has no padding.
  let padded: UnsafeMutablePointer<Float>?
  /// Packed weights, `packedCount` floats.
  let weights: UnsafePointer<Float>
  let bias: UnsafePointer<Float>?
  let output: UnsafeMutablePointer<Float>
  let activation: SlimActivation
  /// Added to every result before the activation, at the result's own offset: a
  /// residual add fused into this convolution (`ExecutionStep.residualFusion`), nil
  /// for none. Only the kernels `readsResidual` names read it. It may be `output`
  /// itself (the add in place): those kernels read each element of it before
  /// writing that element, and write each element once.
  var residual: UnsafePointer<Float>? = nil

  /// Whether `kernel` adds `residual` (the kernels of the layers that end residual
  /// blocks: 1x1 layers and, with the pair kernel, 3x3 ones). O(1).
  static func readsResidual(_ kernel: Kernel) -> Bool { kernel == .pointwise || kernel == .channelPairs }

  /// Whether the blocked kernel is worth using: blocks of `lanes` channels
  /// waste lanes when a group has fewer than 8 outputs (e.g. depthwise).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool { g.outChannels / g.groups >= 8 }

  /// Layout blocks per group.
  static func blocksPerGroup(_ g: Conv2D.Geometry) -> Int { (g.outChannels / g.groups + layoutLanes - 1) / layoutLanes }

  /// Floats of the packed weights. O(1).
  static func packedCount(_ g: Conv2D.Geometry) -> Int {
    g.groups * blocksPerGroup(g) * (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth * layoutLanes
  }

  /// Padded input extents: every index the kernel forms lies inside them.
  static func paddedExtent(_ g: Conv2D.Geometry) -> (height: Int, width: Int) {
    let height = max(g.inHeight + g.padTop, (g.outHeight - 1) * g.strideH + (g.kernelHeight - 1) * g.dilationH + 1)
    let width = max(g.inWidth + g.padLeft, (g.outWidth - 1) * g.strideW + (g.kernelWidth - 1) * g.dilationW + 1)
    return (height, width)
  }

  /// The extent of each input channel as the kernels read it: `paddedExtent`, and one
  /// row more where `skewsPlanes`. O(1).
  static func inputExtent(_ g: Conv2D.Geometry) -> (height: Int, width: Int) {
    let extent = paddedExtent(g)
    return skewsPlanes(g) ? (extent.height + 1, extent.width) : extent
  }

  /// Whether the input is copied with one row more per channel (`inputExtent`): 1x1
  /// layers without padding whose channel planes are a multiple of 4 KiB, where the
  /// pointwise kernel's loads of one pixel from every input channel, all at the same
  /// offset within a 4 KiB page, and its stores to the output planes, again at that
  /// offset, ran at 77–80 GFLOP/s against 98–110 for 31x31 and 33x33 planes (16→64 and
  /// 64→16, AMD Zen 4, `Tools/bench/direct_conv.swift`). One row more moves each
  /// channel's plane `inW` floats along: 16→64 at 32x32 then ran at 84–90 GFLOP/s hot
  /// and took 453 µs for PreResNet-164's 19 layers against 517–523. Only where at least
  /// 32 output channels read the copy, which costs a read and a write of the input:
  /// 64→16 (4 items) ran no faster with it (75 against 74–76 GFLOP/s). Not on 32-bit
  /// targets (the firmware's), whose RAM is small and where the effect was not measured.
  /// O(1).
  static func skewsPlanes(_ g: Conv2D.Geometry) -> Bool {
    #if _pointerBitWidth(_32)
      return false
    #else
      let plane = g.inHeight * g.inWidth
      return g.isPointwise && g.groups == 1 && g.padTop == 0 && g.padLeft == 0 && g.outChannels >= 32
        && (plane * MemoryLayout<Float>.size) % 4096 == 0
    #endif
  }

  /// Floats of scratch the padded copy needs; 0 when the geometry has no padding and
  /// does not `skewsPlanes`.
  static func paddedCount(_ g: Conv2D.Geometry) -> Int {
    let extent = inputExtent(g)
    if extent.height == g.inHeight && extent.width == g.inWidth && g.padTop == 0 && g.padLeft == 0 { return 0 }
    return g.inChannels * extent.height * extent.width
  }

  /// Writes `weight` (`[O, C/g, kH, kW]`) into `packed` (`packedCount` floats) in the blocked layout.
  /// Cost: O(packedCount).
  static func pack(_ g: Conv2D.Geometry, weight: UnsafePointer<Float>, into packed: UnsafeMutablePointer<Float>) {
    let inPerGroup = g.inChannels / g.groups, outPerGroup = g.outChannels / g.groups
    let taps = g.kernelHeight * g.kernelWidth
    let blocks = blocksPerGroup(g)
    var destination = packed
    for group in 0..<g.groups {
      for block in 0..<blocks {
        for ic in 0..<inPerGroup {
          for tap in 0..<taps {
            for lane in 0..<layoutLanes {
              let ocInGroup = block * layoutLanes + lane
              let oc = group * outPerGroup + ocInGroup
              destination[lane] = ocInGroup < outPerGroup ? weight[(oc * inPerGroup + ic) * taps + tap] : 0
            }
            destination += layoutLanes
          }
        }
      }
    }
  }

  /// Number of independent work items (channel blocks) `run(blocks:rows:)` accepts.
  var blockCount: Int { geometry.groups * Self.blocksPerGroup(geometry) * Self.subBlocks }

  /// Whether threads should split this convolution by output rows rather than by
  /// output channels. Each thread then reads and writes only its rows of the
  /// activations, which stay in its core's cache from one layer to the next, where
  /// a split by channels makes every thread read the whole input, half of it just
  /// written by the other core (PreResNet-164's 40 µs layers ran no faster on two
  /// threads that way). Rows only where the weights, which every thread then reads,
  /// are no larger than the activations; and, for the pointwise kernel, where each
  /// part still holds a whole micro-kernel call.
  func splitsByRows(parts: Int) -> Bool {
    Self.splitsByRows(
      geometry, parts: parts, weightCount: Self.packedCount(geometry),
      minimumPixels: Self.preferredKernel(geometry) == .pointwise ? Self.pointSpan : 0)
  }

  /// The rule of `splitsByRows(parts:)` for any convolution kernel: `weightCount`
  /// packed weights, of the activations' element size, and each part's rows holding
  /// at least `minimumPixels` output pixels. O(1).
  static func splitsByRows(_ g: Conv2D.Geometry, parts: Int, weightCount: Int, minimumPixels: Int) -> Bool {
    let activations = g.inChannels * g.inHeight * g.inWidth + g.outChannels * g.outHeight * g.outWidth
    guard weightCount <= activations, g.outHeight >= 2 * parts else { return false }
    return (g.outHeight / parts) * g.outWidth >= minimumPixels
  }

  /// Copies the input into the zero-padded scratch. Run once before any `run(blocks:rows:)`.
  /// Cost: O(C·paddedH·paddedW).
  /// `rows`: only those padded rows (`PaddedInput.fill`), so that threads can share the copy.
  func preparePaddedInput(rows: Range<Int>? = nil) {
    if let padded {
      PaddedInput.fill(geometry, extent: Self.inputExtent(geometry), rows: rows, from: input, into: padded)
    }
  }

  /// What work item `item` covers when each 16-lane layout block is cut into items of
  /// `width` channels (both kernels cut it so): its first output channel, how many of
  /// its channels exist (nil for the zero-filled end of a group's last block), its
  /// weights and its group's input. O(1).
  @inline(__always)
  func slice(_ item: Int, width: Int) -> (
    firstChannel: Int, channels: Int, weights: UnsafePointer<Float>, input: UnsafePointer<Float>
  )? {
    let g = geometry
    let extent = Self.inputExtent(g)
    let inPerGroup = g.inChannels / g.groups, outPerGroup = g.outChannels / g.groups
    let blocksPerGroup = Self.blocksPerGroup(g)
    let (block, sub) = item.quotientAndRemainder(dividingBy: Self.layoutLanes / width)
    let group = block / blocksPerGroup
    let firstChannel = group * outPerGroup + (block % blocksPerGroup) * Self.layoutLanes + sub * width
    let channels = min(width, (group + 1) * outPerGroup - firstChannel)
    guard channels > 0 else { return nil }
    let blockWeights = inPerGroup * g.kernelHeight * g.kernelWidth * Self.layoutLanes
    let source = padded.map { UnsafePointer($0) } ?? input
    return (
      firstChannel, channels, weights + block * blockWeights + sub * width,
      source + group * inPerGroup * extent.height * extent.width
    )
  }

  /// Computes output rows `rows` of the channels of `blocks` (sub-ranges of
  /// `0..<outHeight` and `0..<blockCount`). Different ranges write disjoint outputs,
  /// so threads may run them concurrently.
  /// Cost: O(|blocks|·lanes·inPerGroup·kH·kW·|rows|·outW).
  func run(blocks: Range<Int>, rows: Range<Int>) {
    if Taps.walksPointwise(geometry) {
      run(PointwiseTaps.self, blocks: blocks, rows: rows)
    } else {
      run(Taps.self, blocks: blocks, rows: rows)
    }
  }

  /// `run(blocks:rows:)` with the walk `Walk` (one specialized copy each).
  private func run<Walk: TapWalk>(_: Walk.Type, blocks: Range<Int>, rows: Range<Int>) {
    let g = geometry
    let extent = Self.inputExtent(g)
    let outPlane = g.outHeight * g.outWidth
    let end = rows.upperBound * g.outWidth
    let taps = Walk(g)
    let clamp = Activation.clampBounds(activation)
    let bounds = clamp ?? (-.infinity, .infinity)
    for item in blocks {
      guard let (firstChannel, channels, weights, groupInput) = slice(item, width: Self.lanes) else { continue }
      var start = Vector(repeating: 0)
      if let bias { for lane in 0..<channels { start[lane] = bias[firstChannel + lane] } }
      var pixel = rows.lowerBound * g.outWidth
      var run = PixelRun(row: rows.lowerBound, column: 0)
      while pixel < end {
        let count = min(Self.pixels, end - pixel)
        // Short tail runs repeat the last pixel; its results are not stored.
        let sums = Self.microKernel(
          taps, start: start, weights: weights,
          inputs: run.pointers(groupInput, count: count, g, rowStride: extent.width))
        store(
          sums, count: count, pixel: pixel, firstChannel: firstChannel, channels: channels, outPlane: outPlane,
          bounds: bounds)
        pixel += count
        run.advance(by: count, outWidth: g.outWidth)
      }
      if clamp == nil { applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows) }
    }
  }

  /// Applies the fused activation to output rows `rows` of `channels`.
  @inline(__always)
  func applyActivation(channels: Range<Int>, rows: Range<Int>) {
    let outPlane = geometry.outHeight * geometry.outWidth
    for channel in channels {
      Activation.apply(
        activation, inPlace: output + channel * outPlane + rows.lowerBound * geometry.outWidth,
        count: rows.count * geometry.outWidth)
    }
  }

  /// `pixels` dot products of one channel block over all input channels and taps.
  @inline(__always)
  private static func microKernel<Walk: TapWalk>(
    _ taps: Walk, start: Vector, weights: UnsafePointer<Float>, inputs: PixelPointers
  ) -> Sums {
    var a0 = start, a1 = start, a2 = start, a3 = start, a4 = start, a5 = start, a6 = start, a7 = start
    var w = UnsafeRawPointer(weights)
    taps.forEach { offset in
      let vector = w.loadUnaligned(as: Vector.self)
      w += layoutLanes * MemoryLayout<Float>.size
      multiplyAdd(&a0, vector, inputs.0[offset])
      multiplyAdd(&a1, vector, inputs.1[offset])
      multiplyAdd(&a2, vector, inputs.2[offset])
      multiplyAdd(&a3, vector, inputs.3[offset])
      multiplyAdd(&a4, vector, inputs.4[offset])
      multiplyAdd(&a5, vector, inputs.5[offset])
      multiplyAdd(&a6, vector, inputs.6[offset])
      multiplyAdd(&a7, vector, inputs.7[offset])
    }
    return (a0, a1, a2, a3, a4, a5, a6, a7)
  }

  /// `sum += vector * scalar`; fused when the build enables FMA (`SLIM_NATIVE=1`),
  /// because `addProduct` without hardware FMA is a per-lane library call.
  @inline(__always)
  static func multiplyAdd<V: SIMD>(_ sum: inout V, _ vector: V, _ scalar: Float) where V.Scalar == Float {
    multiplyAdd(&sum, vector, V(repeating: scalar))
  }

  /// `sum += a * b` lane by lane, fused as `multiplyAdd(_:_:_:)` with a scalar is.
  @inline(__always)
  static func multiplyAdd<V: SIMD>(_ sum: inout V, _ a: V, _ b: V) where V.Scalar == Float {
    #if SLIM_FMA
      sum.addProduct(a, b)
    #else
      sum += a * b
    #endif
  }

  /// Scatters `count` pixels × `channels` lanes, clamped to `bounds`, into the NCHW
  /// output (clamping in registers saved MobileNetV2's first layer a pass over 1.6 MB).
  @inline(__always)
  private func store(
    _ sums: Sums, count: Int, pixel: Int,
    firstChannel: Int, channels: Int, outPlane: Int, bounds: (lower: Float, upper: Float)
  ) {
    let out = output + firstChannel * outPlane + pixel
    forEach(in: sums, prefix: count) { p, sum in
      let clamped = Activation.clamp(sum, bounds)
      for lane in 0..<channels { out[lane * outPlane + p] = clamped[lane] }
    }
  }
}
