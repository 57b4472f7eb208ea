extension BlockedConv2DInt8 {
  #if SLIM_AVX512
    /// Output pixels per accumulator of the pointwise kernel: one AVX-512 register,
    /// as for float (`BlockedConv2D.PointVector`). Twice the 8 lanes halves the
    /// multiply-add instructions (a 512-bit `vpdpbusd` issues as often as a 256-bit one
    /// on the Intel Xeon measured: 325 against 167 GMAC/s in a plain loop), and every
    /// vector is requantized with one `UniformRescale`, as all its lanes are one
    /// channel's.
    typealias PointVector = SIMD16<Int32>
  #else
    /// Output pixels per accumulator of the pointwise kernel: 12 accumulators of 16
    /// lanes would not fit in the 16 registers below AVX-512.
    typealias PointVector = SIMD8<Int32>
  #endif
  /// Output channels per work item of the pointwise kernel (two items per layout block).
  static let pointChannels = 4
  /// Vectors of adjacent output pixels per micro-kernel call of the pointwise kernel.
  static let pointVectors = 3
  /// Output pixels per micro-kernel call of the pointwise kernel.
  static var pointSpan: Int { pointVectors * PointVector.scalarCount }

  /// Whether the pointwise kernel runs `g`: 1x1, stride 1, no padding, so each input
  /// channel's plane is one contiguous row of `outH·outW` pixels, at least one
  /// micro-kernel call long.
  ///
  /// It computes pixels in vector lanes and channels in registers, the float
  /// pointwise kernel's shape, so each channel's sums come out as adjacent pixels of
  /// its output plane and are requantized and stored as vectors; the general kernel
  /// (channels in lanes) has to transpose every sum through a stack buffer first.
  /// Input channels are taken as words of the convolution's `packing`
  /// (`Int8InputWords`), so each multiply instruction does two (`pairs`) or four
  /// (`quads`) multiply-adds per lane.
  static func prefersPointwise(_ g: Conv2D.Geometry) -> Bool {
    g.isPointwise && g.outHeight == g.inHeight && g.outWidth == g.inWidth && g.outHeight * g.outWidth >= pointSpan
  }

  /// Whether this convolution runs with the pointwise kernel. O(1).
  var usesPointwise: Bool { Self.prefersPointwise(geometry) }

  /// Work items of `runPointwise(items:rows:)`.
  var pointItemCount: Int { blockCount * (Self.lanes / Self.pointChannels) }

  /// The pointwise kernel: `pointChannels` output channels × `pointSpan` adjacent
  /// pixels of the flattened plane per micro-kernel call, from the same packed
  /// weights as `run(blocks:rows:)` and the paired scratch copy (`prepareInput`).
  /// Computes output rows `rows` of the items' channels; what is left after the whole
  /// spans goes one vector at a time, the last vector ending at the range's end
  /// (recomputing, and rewriting with the same values, a few pixels); a last whole call
  /// ending there instead computed 96 pixels for 49 on 7x7 planes and for 64 on 8x8
  /// ones. Disjoint item or row ranges
  /// write disjoint outputs, so threads may run them concurrently. Preconditions:
  /// `usesPointwise`, `prepareInput` has run, and `rows` holds at least
  /// `pointSpan` pixels. Cost: O(|items|·pointChannels·inPerGroup·|rows|·outW).
  func runPointwise(items: Range<Int>, rows: Range<Int>) {
    switch packing {
    case .pairs: runPointwise(PairProduct.self, items: items, rows: rows)
    case .quads: runPointwise(QuadProduct.self, items: items, rows: rows)
    }
  }

  @inline(__always)
  private func runPointwise<Product: Int8PointProduct>(_: Product.Type, items: Range<Int>, rows: Range<Int>) {
    let g = geometry
    let outPerGroup = g.outChannels / g.groups
    let words = Int8InputWords.wordsPerGroup(g, packing), perWord = packing.channelsPerWord
    let blocksPerGroup = Self.blocksPerGroup(g)
    let itemsPerBlock = Self.lanes / Self.pointChannels
    let plane = g.outHeight * g.outWidth
    let span = Self.pointSpan, width = PointVector.scalarCount
    let end = rows.upperBound * g.outWidth
    for item in items {
      let block = item / itemsPerBlock, group = block / blocksPerGroup
      let firstChannel =
        group * outPerGroup + (block % blocksPerGroup) * Self.lanes
        + (item % itemsPerBlock) * Self.pointChannels
      let channels = min(Self.pointChannels, (group + 1) * outPerGroup - firstChannel)
      guard channels > 0 else { continue }
      var starts = SIMD4<Int32>()
      for lane in 0..<channels { starts[lane] = bias.load(fromByteOffset: (firstChannel + lane) * 4, as: Int32.self) }
      // The block's weights are `[word][lanes][perWord]`; the item has `pointChannels` of the lanes.
      let weights =
        self.weights + block * words * Self.lanes * perWord + (item % itemsPerBlock) * Self.pointChannels * perWord
      let groupInput = UnsafePointer(scratch) + group * words * plane
      var pixel = rows.lowerBound * g.outWidth
      while end - pixel >= span {
        let sums = Self.pointMicroKernel(
          Product.self, weights: weights, input: groupInput + pixel, words: words, plane: plane, starts: starts)
        let out = output + firstChannel * plane + pixel
        storePoint(sums.0, at: out, channel: firstChannel, lane: 0, of: channels, plane: plane)
        storePoint(sums.1, at: out, channel: firstChannel, lane: 1, of: channels, plane: plane)
        storePoint(sums.2, at: out, channel: firstChannel, lane: 2, of: channels, plane: plane)
        storePoint(sums.3, at: out, channel: firstChannel, lane: 3, of: channels, plane: plane)
        pixel += span
      }
      // What is left, one vector at a time, the last ending at the range's end: the
      // lanes it shares with the vector before get the same sums, so the same bytes.
      while pixel < end {
        // Not `min`, which this function calls out of line.
        let start = pixel < end - width ? pixel : end - width
        let sums = Self.pointTailKernel(
          Product.self, weights: weights, input: groupInput + start, words: words, plane: plane, starts: starts)
        let out = output + firstChannel * plane + start
        storePoint(sums.0, at: out, channel: firstChannel, lane: 0, of: channels, plane: plane)
        storePoint(sums.1, at: out, channel: firstChannel, lane: 1, of: channels, plane: plane)
        storePoint(sums.2, at: out, channel: firstChannel, lane: 2, of: channels, plane: plane)
        storePoint(sums.3, at: out, channel: firstChannel, lane: 3, of: channels, plane: plane)
        pixel = start + width
      }
    }
  }

  /// One channel's `pointVectors` vectors of sums.
  typealias PointSums = (PointVector, PointVector, PointVector)

  /// 4 channels × `pointSpan` pixels, summed over the input words from the biases
  /// `starts`. `weights`: the item's 4 lanes of the packed `[word][lanes][2 or 4]` int8
  /// weights; `input`: `[word][pixel]` words.
  @inline(__always)
  private static func pointMicroKernel<Product: Int8PointProduct>(
    _: Product.Type, weights: UnsafePointer<Int8>, input: UnsafePointer<Int32>, words: Int, plane: Int,
    starts: SIMD4<Int32>
  ) -> (PointSums, PointSums, PointSums, PointSums) {
    let width = PointVector.scalarCount
    var a00 = PointVector(repeating: starts[0]), a01 = a00, a02 = a00
    var a10 = PointVector(repeating: starts[1]), a11 = a10, a12 = a10
    var a20 = PointVector(repeating: starts[2]), a21 = a20, a22 = a20
    var a30 = PointVector(repeating: starts[3]), a31 = a30, a32 = a30
    var x = UnsafeRawPointer(input)
    var w = UnsafeRawPointer(weights)
    let rowBytes = plane * MemoryLayout<Int32>.size
    for _ in 0..<words {
      let x0 = x.loadUnaligned(as: PointVector.self)
      let x1 = x.loadUnaligned(fromByteOffset: width * 4, as: PointVector.self)
      let x2 = x.loadUnaligned(fromByteOffset: 2 * width * 4, as: PointVector.self)
      // The 4 channels' weight words, each broadcast against the pixels' input words.
      let channelWords = Product.channelWords(at: w)
      let w0 = channelWords[0], w1 = channelWords[1], w2 = channelWords[2], w3 = channelWords[3]
      a00 = Product.accumulate(a00, pixels: x0, weight: w0)
      a01 = Product.accumulate(a01, pixels: x1, weight: w0)
      a02 = Product.accumulate(a02, pixels: x2, weight: w0)
      a10 = Product.accumulate(a10, pixels: x0, weight: w1)
      a11 = Product.accumulate(a11, pixels: x1, weight: w1)
      a12 = Product.accumulate(a12, pixels: x2, weight: w1)
      a20 = Product.accumulate(a20, pixels: x0, weight: w2)
      a21 = Product.accumulate(a21, pixels: x1, weight: w2)
      a22 = Product.accumulate(a22, pixels: x2, weight: w2)
      a30 = Product.accumulate(a30, pixels: x0, weight: w3)
      a31 = Product.accumulate(a31, pixels: x1, weight: w3)
      a32 = Product.accumulate(a32, pixels: x2, weight: w3)
      x += rowBytes
      w += Product.weightBytes
    }
    return ((a00, a01, a02), (a10, a11, a12), (a20, a21, a22), (a30, a31, a32))
  }

  /// 4 channels × one vector of pixels: `pointMicroKernel` for the pixels after the
  /// whole spans, with the same sums.
  @inline(__always)
  private static func pointTailKernel<Product: Int8PointProduct>(
    _: Product.Type, weights: UnsafePointer<Int8>, input: UnsafePointer<Int32>, words: Int, plane: Int,
    starts: SIMD4<Int32>
  ) -> (PointVector, PointVector, PointVector, PointVector) {
    var a0 = PointVector(repeating: starts[0]), a1 = PointVector(repeating: starts[1])
    var a2 = PointVector(repeating: starts[2]), a3 = PointVector(repeating: starts[3])
    var x = UnsafeRawPointer(input)
    var w = UnsafeRawPointer(weights)
    let rowBytes = plane * MemoryLayout<Int32>.size
    for _ in 0..<words {
      let x0 = x.loadUnaligned(as: PointVector.self)
      let channelWords = Product.channelWords(at: w)
      a0 = Product.accumulate(a0, pixels: x0, weight: channelWords[0])
      a1 = Product.accumulate(a1, pixels: x0, weight: channelWords[1])
      a2 = Product.accumulate(a2, pixels: x0, weight: channelWords[2])
      a3 = Product.accumulate(a3, pixels: x0, weight: channelWords[3])
      x += rowBytes
      w += Product.weightBytes
    }
    return (a0, a1, a2, a3)
  }

  /// `storePoint` for one vector of sums. Transparent, as that one.
  @_transparent
  private func storePoint(
    _ sums: PointVector, at out: UnsafeMutableRawPointer, channel firstChannel: Int, lane: Int, of channels: Int,
    plane: Int
  ) {
    guard lane < channels else { return }
    let rescale = self.rescale(ofChannel: firstChannel + lane)
    #if SLIM_AVX512
      (out + lane * plane).storeBytes(of: stage.finish(sums, UniformRescale(rescale)), as: SIMD16<Int8>.self)
    #else
      let m = PointVector(repeating: rescale.multiplier), s = PointVector(repeating: rescale.shift)
      (out + lane * plane).storeBytes(of: stage.finish(sums, multiplier: m, shift: s), as: SIMD8<Int8>.self)
    #endif
  }

  /// Requantizes channel `firstChannel + lane`'s sums and stores them at
  /// `out + lane·plane`, when the item has that channel. Transparent: `@inline(__always)`
  /// left it as an out-of-line call, 18% of MobileNetV2's int8 run.
  @_transparent
  private func storePoint(
    _ sums: PointSums, at out: UnsafeMutableRawPointer, channel firstChannel: Int, lane: Int, of channels: Int,
    plane: Int
  ) {
    guard lane < channels else { return }
    let rescale = self.rescale(ofChannel: firstChannel + lane)
    let destination = out + lane * plane
    let width = PointVector.scalarCount
    #if SLIM_AVX512
      let uniform = UniformRescale(rescale)
      destination.storeBytes(of: stage.finish(sums.0, uniform), as: SIMD16<Int8>.self)
      destination.storeBytes(of: stage.finish(sums.1, uniform), toByteOffset: width, as: SIMD16<Int8>.self)
      destination.storeBytes(of: stage.finish(sums.2, uniform), toByteOffset: 2 * width, as: SIMD16<Int8>.self)
    #else
      let m = PointVector(repeating: rescale.multiplier), s = PointVector(repeating: rescale.shift)
      #if !_pointerBitWidth(_32)
        // The first two vectors as one of 16 lanes, which share the channel's rescale:
        // `UniformRescale` does about half the per-lane work of the per-lane form, and
        // with few input channels requantizing outweighs the sums (`Tools/bench/int8_kernels.swift`,
        // Intel Xeon, quads, 16→96 at 112x112: 1.17–1.55 → 0.83–0.87 ms).
        let joined = SIMD16(lowHalf: sums.0, highHalf: sums.1)
        destination.storeBytes(of: stage.finish(joined, UniformRescale(rescale)), as: SIMD16<Int8>.self)
      #else
        destination.storeBytes(of: stage.finish(sums.0, multiplier: m, shift: s), as: SIMD8<Int8>.self)
        destination.storeBytes(
          of: stage.finish(sums.1, multiplier: m, shift: s), toByteOffset: width, as: SIMD8<Int8>.self)
      #endif
      destination.storeBytes(
        of: stage.finish(sums.2, multiplier: m, shift: s), toByteOffset: 2 * width, as: SIMD8<Int8>.self)
    #endif
  }
}
