extension BlockedConv2D {
  #if SLIM_AVX512
    /// Output pixels per accumulator of the pointwise kernel: one AVX-512 register.
    /// Twice `PixelVector` halves the loads per multiply-add; it took PreResNet-164's
    /// 1x1 layers 1.1–1.4x faster (16→64 at 32x32: 829 → 580 µs for 19 layers).
    typealias PointVector = SIMD16<Float>
  #else
    /// Output pixels per accumulator of the pointwise kernel: 12 accumulators of 16
    /// lanes would not fit in the 16 registers below AVX-512.
    typealias PointVector = PixelVector
  #endif
  /// Output channels per work item of the pointwise kernel (four per 16-lane layout block).
  static let pointChannels = 4
  /// Vectors of adjacent output pixels per micro-kernel call of the pointwise kernel.
  static let pointVectors = 3
  /// Output pixels per micro-kernel call of the pointwise kernel.
  static var pointSpan: Int { pointVectors * PointVector.scalarCount }

  /// Whether the pointwise kernel runs `g`: 1x1, stride 1, no padding, so each input
  /// channel's plane is one contiguous row of `outH·outW` pixels, at least one
  /// micro-kernel call long. It beats both other kernels on every such layer measured
  /// (AVX2, same run, GFLOP/s, pointwise vs best other: 64→16 at 32x32 48.4 vs 29.6;
  /// 24→144 at 56x56 52.3 vs 29.1; 192→32 at 28x28 58.0 vs 42.1; 384→64 at 14x14 57.0
  /// vs 43.9; 320→1280 at 7x7 42.2 vs 24.8): the plane is walked without row ends, and
  /// the 4 × 3 vectors of sums need 7 loads per 12 multiply-adds, where the row
  /// kernel's 8 × 1 need 9 per 8.
  static func prefersPointwise(_ g: Conv2D.Geometry) -> Bool {
    g.isPointwise && g.outHeight * g.outWidth >= pointSpan
  }

  /// Work items of `runPointwise(items:rows:)`.
  var pointItemCount: Int { geometry.groups * Self.blocksPerGroup(geometry) * (Self.layoutLanes / Self.pointChannels) }

  /// Bytes of input a chunk of the plane holds at most (`pointChunk`): a quarter of the
  /// second-level cache of the cores measured (1–2 MiB), so that each chunk's input stays
  /// there while every item reads it.
  static let pointChunkBytes = 256 * 1024

  /// Pixels per chunk of the plane that `runPointwise` takes all its items over before
  /// the next: whole micro-kernel spans whose input channels take at most
  /// `pointChunkBytes`, and at least one span. Before chunking, every item walked the
  /// whole plane, so where the input outgrew the second-level cache each item read it
  /// from the third (MobileNetV2's 32→16 at 112x112, 1.6 MB of input read 4 times). O(1).
  static func pointChunk(_ g: Conv2D.Geometry) -> Int {
    let inPerGroup = g.inChannels / g.groups
    let spans = pointChunkBytes / max(1, inPerGroup * MemoryLayout<Float>.size * pointSpan)
    return max(1, spans) * pointSpan
  }

  /// The pointwise kernel: `pointChannels` output channels × `pointSpan` adjacent
  /// pixels of the flattened plane per micro-kernel call, from the same packed
  /// weights. Computes output rows `rows` of the items' channels, in chunks of the
  /// plane (`pointChunk`) that all items take before the next. What is left
  /// after the whole spans goes one vector at a time, the last vector ending at the
  /// range's end (recomputing, and rewriting with the same values, a few pixels):
  /// on 7x7 planes, ending with one more whole span instead recomputed 23 of 72
  /// pixels. Clamping activations are applied in registers, others over the
  /// finished rows. Disjoint item or row ranges write disjoint outputs, so threads
  /// may run them concurrently.
  /// Preconditions: `prefersPointwise(geometry)`, and `rows` holds at least
  /// `pointSpan` pixels. Cost: O(|items|·pointChannels·inPerGroup·|rows|·outW).
  func runPointwise(items: Range<Int>, rows: Range<Int>) {
    let g = geometry
    let chunk = Self.pointChunk(g), rowsEnd = rows.upperBound * g.outWidth
    let bounds = Activation.clampBounds(activation) ?? (-.infinity, .infinity)
    var first = rows.lowerBound * g.outWidth
    let tail = Self.channelTailCount(g, pixels: rowsEnd - first)
    let end = rowsEnd - tail
    while first < end {
      // The last chunk takes what is left, so that it is at least a span long.
      let last = end - first - chunk >= Self.pointSpan ? first + chunk : end
      for item in items { runPointwise(item: item, pixels: first..<last, bounds: bounds) }
      first = last
    }
    if tail > 0 { runChannelTail(items: items, pixels: end..<rowsEnd, bounds: bounds) }
    guard Activation.clampBounds(activation) == nil else { return }
    for item in items {
      guard let (firstChannel, channels, _, _) = slice(item, width: Self.pointChannels) else { continue }
      applyActivation(channels: firstChannel..<firstChannel + channels, rows: rows)
    }
  }

  /// `runPointwise` of one item over the flattened plane's `pixels`, whose whole spans
  /// start at its start, clamped to `bounds` (no other activation).
  /// Precondition: `pixels` holds at least one `PointVector` of pixels, and those before
  /// it are final.
  @inline(__always)
  private func runPointwise(item: Int, pixels: Range<Int>, bounds: (lower: Float, upper: Float)) {
    let g = geometry
    let inPerGroup = g.inChannels / g.groups
    let plane = g.outHeight * g.outWidth
    // The input's channels `inputPlane` floats apart (more than `plane` where `skewsPlanes`).
    let extent = Self.inputExtent(g), inputPlane = extent.height * extent.width
    let span = Self.pointSpan, width = PointVector.scalarCount
    let end = pixels.upperBound
    guard let (firstChannel, channels, weights, groupInput) = slice(item, width: Self.pointChannels) else { return }
    var starts: (Float, Float, Float, Float) = (0, 0, 0, 0)
    if let bias {
      let b = bias + firstChannel
      starts = (b[0], channels > 1 ? b[1] : 0, channels > 2 ? b[2] : 0, channels > 3 ? b[3] : 0)
    }
    let out = output + firstChannel * plane
    var pixel = pixels.lowerBound
    while end - pixel >= span {
      let sums = Self.pointMicroKernel(
        weights: weights, input: groupInput + pixel, inPerGroup: inPerGroup, plane: inputPlane, starts: starts,
        nextBlock: inPerGroup * Self.layoutLanes * MemoryLayout<Float>.size)
      storePoint(sums.0, at: out + pixel, channels: channels, lane: 0, plane: plane, bounds: bounds)
      storePoint(sums.1, at: out + pixel, channels: channels, lane: 1, plane: plane, bounds: bounds)
      storePoint(sums.2, at: out + pixel, channels: channels, lane: 2, plane: plane, bounds: bounds)
      storePoint(sums.3, at: out + pixel, channels: channels, lane: 3, plane: plane, bounds: bounds)
      pixel += span
    }
    while pixel < end {
      let start = min(pixel, end - width)
      let sums = Self.pointTailKernel(
        weights: weights, input: groupInput + start, inPerGroup: inPerGroup, plane: inputPlane, starts: starts)
      // The first `pixel − start` lanes are stored already: kept, so that a residual
      // added in place is not added twice.
      let kept = pixel - start
      storePoint(sums.0, at: out + start, channels: channels, lane: 0, plane: plane, bounds: bounds, keeping: kept)
      storePoint(sums.1, at: out + start, channels: channels, lane: 1, plane: plane, bounds: bounds, keeping: kept)
      storePoint(sums.2, at: out + start, channels: channels, lane: 2, plane: plane, bounds: bounds, keeping: kept)
      storePoint(sums.3, at: out + start, channels: channels, lane: 3, plane: plane, bounds: bounds, keeping: kept)
      pixel = start + width
    }
  }

  /// Pixels after the whole vectors, at most, that `runChannelTail` computes rather than
  /// one more vector of pixels: below 4, the vector's multiply-adds for the 4 channels of
  /// each item cost more than one per pixel for 16 channels. (On 7x7 planes, 49 = 48 + 1
  /// pixels, the vector was a quarter of each item's work.)
  static let channelTailLimit = 3

  /// Pixels at the end of a pointwise run over `count` pixels (at least a span) that
  /// `runChannelTail` computes: those after the whole vectors, if at most
  /// `channelTailLimit` and the layer has one group; else 0. O(1).
  static func channelTailCount(_ g: Conv2D.Geometry, pixels count: Int) -> Int {
    let left = count % pointSpan % PointVector.scalarCount
    return g.groups == 1 && left <= channelTailLimit ? left : 0
  }

  /// The pixels `pixels` of the items' channels with the channels in the lanes: for each
  /// pixel, a layout block's 16 channels per vector, the block's packed weights (16 lanes
  /// per input channel) times the pixel's input broadcast, four blocks at a time for four
  /// independent chains. Each output is summed in the order the pixel vectors sum it,
  /// with the same operations, so it is bit for bit what they compute. A block only
  /// partly in `items` is computed whole and stored for the items' channels only.
  /// Preconditions: one group; `pixels` lie after the items' whole vectors.
  /// Cost: O(|pixels|·blocks·16·inChannels).
  private func runChannelTail(items: Range<Int>, pixels: Range<Int>, bounds: (lower: Float, upper: Float)) {
    let g = geometry
    let plane = g.outHeight * g.outWidth
    let extent = Self.inputExtent(g), inputPlane = extent.height * extent.width
    let source = padded.map { UnsafePointer($0) } ?? input
    let itemsPerBlock = Self.layoutLanes / Self.pointChannels
    let blocks = items.lowerBound / itemsPerBlock..<(items.upperBound - 1) / itemsPerBlock + 1
    let blockBytes = g.inChannels * Self.layoutLanes * MemoryLayout<Float>.size
    let channels = items.lowerBound * Self.pointChannels..<min(g.outChannels, items.upperBound * Self.pointChannels)
    for pixel in pixels {
      var block = blocks.lowerBound
      while block < blocks.upperBound {
        let count = min(4, blocks.upperBound - block)
        // Short groups repeat the last block; its sums are not stored.
        @inline(__always) func blockIndex(_ k: Int) -> Int { block + min(k, count - 1) }
        @inline(__always) func start(_ k: Int) -> SIMD16<Float> {
          var lanes = SIMD16<Float>()
          guard let bias else { return lanes }
          let first = blockIndex(k) * Self.layoutLanes
          for lane in 0..<min(Self.layoutLanes, g.outChannels - first) { lanes[lane] = bias[first + lane] }
          return lanes
        }
        let w0 = UnsafeRawPointer(weights) + blockIndex(0) * blockBytes
        let w1 = UnsafeRawPointer(weights) + blockIndex(1) * blockBytes
        let w2 = UnsafeRawPointer(weights) + blockIndex(2) * blockBytes
        let w3 = UnsafeRawPointer(weights) + blockIndex(3) * blockBytes
        var a0 = start(0), a1 = start(1), a2 = start(2), a3 = start(3)
        var x = source + pixel
        var offset = 0
        for _ in 0..<g.inChannels {
          let value = x.pointee
          Self.multiplyAdd(&a0, w0.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self), value)
          Self.multiplyAdd(&a1, w1.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self), value)
          Self.multiplyAdd(&a2, w2.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self), value)
          Self.multiplyAdd(&a3, w3.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self), value)
          x += inputPlane
          offset &+= Self.layoutLanes * MemoryLayout<Float>.size
        }
        storeChannelLanes(a0, block: blockIndex(0), pixel: pixel, channels: channels, plane: plane, bounds: bounds)
        if count > 1 {
          storeChannelLanes(a1, block: blockIndex(1), pixel: pixel, channels: channels, plane: plane, bounds: bounds)
        }
        if count > 2 {
          storeChannelLanes(a2, block: blockIndex(2), pixel: pixel, channels: channels, plane: plane, bounds: bounds)
        }
        if count > 3 {
          storeChannelLanes(a3, block: blockIndex(3), pixel: pixel, channels: channels, plane: plane, bounds: bounds)
        }
        block += count
      }
    }
  }

  /// Stores block `block`'s sums for pixel `pixel`, each of its channels in `channels`
  /// at `output + channel·plane + pixel`, plus the `residual` when there is one, clamped
  /// to `bounds`, as `storePoint` stores a pixel vector.
  @inline(__always)
  private func storeChannelLanes(
    _ sums: SIMD16<Float>, block: Int, pixel: Int, channels: Range<Int>, plane: Int,
    bounds: (lower: Float, upper: Float)
  ) {
    let first = block * Self.layoutLanes
    for lane in max(0, channels.lowerBound - first)..<min(Self.layoutLanes, channels.upperBound - first) {
      let index = (first + lane) * plane + pixel
      var value = sums[lane]
      if let residual { value += residual[index] }
      output[index] = Activation.clamp(value, bounds.lower, bounds.upper)
    }
  }

  /// One channel's `pointVectors` vectors of sums.
  typealias PointSums = (PointVector, PointVector, PointVector)

  /// 4 channels × `pointSpan` pixels, summed over the input channels (`plane` floats
  /// apart) from the biases `starts`. Each step also prefetches, into the second-level
  /// cache, the weight line `nextBlock` bytes on: the same line of the next layout
  /// block, which the next block's items read. Where the weights come from memory
  /// (MobileNetV2's 7x7 and 14x14 layers, 0.2–1.6 MB each, evicted between runs), the
  /// first item of each block otherwise waited on every line. `slim-report --measure`,
  /// µs: 160→960 at 7x7 530 → 441 (three layers), 96→576 at 14x14 668 → 628 (three),
  /// 64→384 393 → 372 (four); first-level prefetches gained less (160→960: 465).
  @inline(__always)
  private static func pointMicroKernel(
    weights: UnsafePointer<Float>, input: UnsafePointer<Float>, inPerGroup: Int, plane: Int,
    starts: (Float, Float, Float, Float), nextBlock: Int
  ) -> (PointSums, PointSums, PointSums, PointSums) {
    let width = PointVector.scalarCount
    var a00 = PointVector(repeating: starts.0), a01 = a00, a02 = a00
    var a10 = PointVector(repeating: starts.1), a11 = a10, a12 = a10
    var a20 = PointVector(repeating: starts.2), a21 = a20, a22 = a20
    var a30 = PointVector(repeating: starts.3), a31 = a30, a32 = a30
    var x = UnsafeRawPointer(input)
    var w = weights
    let rowBytes = plane * MemoryLayout<Float>.size
    for _ in 0..<inPerGroup {
      let x0 = x.loadUnaligned(as: PointVector.self)
      let x1 = x.loadUnaligned(fromByteOffset: width * 4, as: PointVector.self)
      let x2 = x.loadUnaligned(fromByteOffset: 2 * width * 4, as: PointVector.self)
      multiplyAdd(&a00, x0, w[0])
      multiplyAdd(&a01, x1, w[0])
      multiplyAdd(&a02, x2, w[0])
      multiplyAdd(&a10, x0, w[1])
      multiplyAdd(&a11, x1, w[1])
      multiplyAdd(&a12, x2, w[1])
      multiplyAdd(&a20, x0, w[2])
      multiplyAdd(&a21, x1, w[2])
      multiplyAdd(&a22, x2, w[2])
      multiplyAdd(&a30, x0, w[3])
      multiplyAdd(&a31, x1, w[3])
      multiplyAdd(&a32, x2, w[3])
      Prefetch.readIntoSecondLevel(UnsafeRawPointer(w) + nextBlock)
      x += rowBytes
      w += layoutLanes
    }
    return ((a00, a01, a02), (a10, a11, a12), (a20, a21, a22), (a30, a31, a32))
  }

  /// 4 channels × one vector of pixels: `pointMicroKernel` for the pixels after the
  /// whole spans, with the same sums in the same order.
  @inline(__always)
  private static func pointTailKernel(
    weights: UnsafePointer<Float>, input: UnsafePointer<Float>, inPerGroup: Int, plane: Int,
    starts: (Float, Float, Float, Float)
  ) -> (PointVector, PointVector, PointVector, PointVector) {
    var a0 = PointVector(repeating: starts.0), a1 = PointVector(repeating: starts.1)
    var a2 = PointVector(repeating: starts.2), a3 = PointVector(repeating: starts.3)
    var x = UnsafeRawPointer(input)
    var w = weights
    let rowBytes = plane * MemoryLayout<Float>.size
    for _ in 0..<inPerGroup {
      let x0 = x.loadUnaligned(as: PointVector.self)
      multiplyAdd(&a0, x0, w[0])
      multiplyAdd(&a1, x0, w[1])
      multiplyAdd(&a2, x0, w[2])
      multiplyAdd(&a3, x0, w[3])
      x += rowBytes
      w += layoutLanes
    }
    return (a0, a1, a2, a3)
  }

  /// Stores channel `lane`'s sums, plus the `residual` when there is one, clamped to
  /// `bounds`, at `out + lane·plane`, when the item has that channel. `@_transparent`
  /// as `Activation.clamp`: the pointwise kernel is large enough that
  /// `@inline(__always)` left this a call.
  @_transparent
  private func storePoint(
    _ sums: PointSums, at out: UnsafeMutablePointer<Float>, channels: Int, lane: Int, plane: Int,
    bounds: (lower: Float, upper: Float)
  ) {
    guard lane < channels else { return }
    let destination = UnsafeMutableRawPointer(out + lane * plane)
    let bytes = PointVector.scalarCount * MemoryLayout<Float>.size
    var values = sums
    if let residual {
      let added = UnsafeRawPointer(residual + (out - output) + lane * plane)
      values.0 += added.loadUnaligned(as: PointVector.self)
      values.1 += added.loadUnaligned(fromByteOffset: bytes, as: PointVector.self)
      values.2 += added.loadUnaligned(fromByteOffset: 2 * bytes, as: PointVector.self)
    }
    destination.storeBytes(of: Activation.clamp(values.0, bounds), as: PointVector.self)
    destination.storeBytes(of: Activation.clamp(values.1, bounds), toByteOffset: bytes, as: PointVector.self)
    destination.storeBytes(of: Activation.clamp(values.2, bounds), toByteOffset: 2 * bytes, as: PointVector.self)
  }

  /// `storePoint` for one vector, whose first `kept` lanes (< its width) keep what the
  /// output holds.
  @_transparent
  private func storePoint(
    _ sums: PointVector, at out: UnsafeMutablePointer<Float>, channels: Int, lane: Int, plane: Int,
    bounds: (lower: Float, upper: Float), keeping kept: Int
  ) {
    guard lane < channels else { return }
    let destination = UnsafeMutableRawPointer(out + lane * plane)
    var value = sums
    if let residual {
      value += UnsafeRawPointer(residual + (out - output) + lane * plane).loadUnaligned(as: PointVector.self)
    }
    value = Activation.clamp(value, bounds)
    if kept > 0 {
      var index = PointVector()
      for i in index.indices { index[i] = Float(i) }
      value.replace(
        with: destination.loadUnaligned(as: PointVector.self), where: index .< PointVector(repeating: Float(kept)))
    }
    destination.storeBytes(of: value, as: PointVector.self)
  }
}
