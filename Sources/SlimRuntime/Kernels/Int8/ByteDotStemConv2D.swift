/// Int8 convolution of a few input channels with 3-wide kernel rows (a network's stem,
/// such as MobileNetV2's 3→32 3x3 stride-2 layer at 224x224), output pixels in the lanes:
/// each kernel row of each input channel is one byte dot product per vector of 16 output
/// columns (`ByteQuads`), as in `ByteDotDepthwiseConv2D`, now summed over the input
/// channels for every output channel. Sessions choose it only in `SLIM_VNNI` builds
/// (`isPreferred`); other builds compute the same bits through the emulated dot product.
///
/// The blocked kernel (`BlockedConv2DInt8`) holds output channels in its lanes: with 3
/// input channels a quad word is a quarter empty, and each call's sums are transposed
/// into the output planes and requantized channel by channel (the 3→32 layer:
/// `Tools/bench/int8_kernels.swift`, AMD Zen 4, 0.25 ms at 85 GOP/s). Here a vector of
/// sums is one channel's 16 adjacent outputs, requantized with one rescale and stored
/// whole.
///
/// For each output row, the `inChannels·kernelHeight` padded rows it reads are expanded
/// into quads (`ByteQuads.expand`) one output row ahead, into the other of two buffers
/// (loads straight after the expansion's stores stalled on the store buffer, see
/// `ByteDotDepthwiseConv2D`), then the call's output channels sum them, two at a time. The zero
/// point's shift by 128 leaves with the bias (`ByteQuads.prepareTaps`, once per session), as
/// in the depthwise kernel, so the result is bit for bit the plain kernel's (`Conv2DInt8`).
///
/// Preconditions of every member: `isEligible(geometry)`, the pointers hold the counts
/// the geometry implies, and the output overlaps neither the input nor the scratch.
struct ByteDotStemConv2D {
  let geometry: Conv2D.Geometry
  let stage: Int8OutputStage
  /// The NCHW int8 input.
  let input: UnsafeRawPointer
  /// Per-part scratch, `parts · scratchCount` floats' bytes.
  let scratch: UnsafeMutablePointer<Float>
  /// The taps and corrected biases, `tapsCount` values (`ByteQuads.prepareTaps` of the
  /// model's weights and biases, `quadRows` rows per channel).
  let taps: UnsafePointer<Int32>
  /// Per output channel: the `Int32` multiplier and shift, as stored in the model.
  let multiplier: UnsafeRawPointer, shift: UnsafeRawPointer
  /// The NCHW int8 output.
  let output: UnsafeMutableRawPointer

  /// Padded rows an output row reads, at most: `inChannels·kernelHeight`, whose quads
  /// each output channel sums per vector.
  static var maximumQuadRows: Int { 16 }

  /// One group; kernel rows 3 wide, without dilation; column stride 1 or 2; at most
  /// `maximumQuadRows` rows of quads per output row; rows of at least 16 columns. O(1).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool {
    g.groups == 1 && g.kernelWidth == 3 && g.dilationH == 1 && g.dilationW == 1 && (g.strideW == 1 || g.strideW == 2)
      && g.inChannels * g.kernelHeight <= maximumQuadRows && g.outWidth >= ByteQuads.width
  }

  /// Whether sessions run `g` with this kernel rather than `BlockedConv2DInt8`: in
  /// `SLIM_VNNI` builds, for at most 4 input channels, where the blocked kernel's quad
  /// words are not full (`Tools/bench/int8_kernels.swift`, AMD Zen 4, ms, the blocked
  /// kernel's fastest form → this one: MobileNetV2's 3→32 3x3 stride 2 at 112x112 0.256
  /// → 0.164, VGG-16's 3→64 at 32x32 0.040 → 0.031, PreResNet-164's 3→16 at 32x32
  /// 0.0112 → 0.0094; in the network, `slim-report --measure`, µs: 260 → 172 and 41 → 33). O(1).
  static func isPreferred(_ g: Conv2D.Geometry) -> Bool {
    BlockedConv2DInt8.hasByteDotInstruction && isEligible(g) && g.inChannels <= 4
  }

  /// Bytes of one input channel's padded plane in the scratch, and what `expand` reads
  /// past the start of its last row beyond the row. O(1).
  static func planeBytes(_ g: Conv2D.Geometry) -> Int {
    let extent = BlockedConv2D.paddedExtent(g)
    let reach = g.strideW * g.outWidth + 2
    return roundedUpTo64(extent.height * extent.width + max(0, reach - extent.width))
  }

  /// Quad rows per output row. O(1).
  static func quadRows(_ g: Conv2D.Geometry) -> Int { g.inChannels * g.kernelHeight }

  /// Bytes of one expanded row of quads. O(1).
  static func quadRowBytes(_ g: Conv2D.Geometry) -> Int { roundedUpTo64(4 * g.outWidth) }

  /// `Int32` values of the prepared taps (`taps`). O(1).
  static func tapsCount(_ g: Conv2D.Geometry) -> Int {
    ByteQuads.tapsCount(channels: g.outChannels, rowsPerChannel: quadRows(g))
  }

  /// Floats of one part's scratch: the padded planes and two buffers of quad rows; a
  /// multiple of 16. O(1).
  static func scratchCount(_ g: Conv2D.Geometry) -> Int {
    (g.inChannels * planeBytes(g) + 2 * quadRows(g) * quadRowBytes(g)) / 4
  }

  private static func roundedUpTo64(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }

  /// Computes output rows `rows` of output channels `channels` (sub-ranges of
  /// `0..<outHeight` and `0..<outChannels`, `rows` not empty) with part `part`'s
  /// scratch; disjoint ranges write disjoint outputs, so threads may run them
  /// concurrently with different parts.
  /// Cost: O(|rows|·(|channels|·inChannels·kH·outW/16 + inChannels·kH·(paddedW + outW/16))).
  func run(channels: Range<Int>, rows: Range<Int>, part: Int) {
    guard !channels.isEmpty else { return }
    let g = geometry
    let band = rows.lowerBound &* g.strideH..<(rows.upperBound &- 1) &* g.strideH &+ g.kernelHeight
    let partScratch = scratch + part &* Self.scratchCount(g)
    let planesBytes = g.inChannels &* Self.planeBytes(g)
    // The planes are written through `UInt8` pointers (`PaddedInput`'s fills), the rest
    // only through raw loads and stores.
    partScratch.withMemoryRebound(to: UInt8.self, capacity: planesBytes) { preparePlanes(band: band, into: $0) }
    run(
      channels: channels, rows: rows, band: band, planes: UnsafeRawPointer(partScratch),
      buffers: UnsafeMutableRawPointer(partScratch) + planesBytes)
  }

  /// Copies the input's padded rows `band` of every channel into `planes` as `x + 128`,
  /// padding with the zero point's byte. Cost: O(inChannels·|band|·paddedW).
  private func preparePlanes(band: Range<Int>, into planes: UnsafeMutablePointer<UInt8>) {
    let g = geometry
    let extent = BlockedConv2D.paddedExtent(g)
    let shiftedZeroPoint = UInt8(truncatingIfNeeded: stage.inputZeroPoint) ^ 0x80
    for channel in 0..<g.inChannels {
      let plane = planes + channel &* Self.planeBytes(g)
      PaddedInput.clearBand(g, extent: extent, rows: band, into: plane, zero: shiftedZeroPoint)
      PaddedInput.copyBand(g, extent: extent, channel: channel, rows: band, into: plane) {
        offset, destination, count in
        ByteQuads.copyShifted(input + offset, into: destination, count: count)
      }
    }
  }

  /// Expands the quad rows of output row `oh` into `buffer`, each stride with its own
  /// loop. Out of line: inlined into the summing loop, the kernel grew past what LLVM
  /// inlines into, and the standard library's loads and stores were left calls.
  /// Cost: O(inChannels·kH·outW/16).
  @inline(never)
  private func expandQuadRows(
    _ oh: Int, band: Range<Int>, planes: UnsafeRawPointer, into buffer: UnsafeMutableRawPointer
  ) {
    @inline(__always) func expand(columnStride: Int) {
      let g = geometry
      let rowBytes = BlockedConv2D.paddedExtent(g).width
      let top = oh &* g.strideH &- band.lowerBound
      for channel in 0..<g.inChannels {
        for kh in 0..<g.kernelHeight {
          ByteQuads.expand(
            planes + channel &* Self.planeBytes(g) + (top &+ kh) &* rowBytes,
            into: buffer + (channel &* g.kernelHeight &+ kh) &* Self.quadRowBytes(g), count: g.outWidth,
            columnStride: columnStride)
        }
      }
    }
    if geometry.strideW == 1 { expand(columnStride: 1) } else { expand(columnStride: 2) }
  }

  /// Channel `c`'s rescale, as `ByteQuads.store` takes it. O(1).
  @inline(__always)
  private func requantizer(_ c: Int) -> SIMD16<Float>.Requantizer {
    SIMD16<Float>.requantizer(
      Rescale(
        multiplier: multiplier.load(fromByteOffset: c &* 4, as: Int32.self),
        shift: shift.load(fromByteOffset: c &* 4, as: Int32.self)))
  }

  /// The output rows, each expanded one row ahead into the other buffer.
  private func run(
    channels: Range<Int>, rows: Range<Int>, band: Range<Int>, planes: UnsafeRawPointer, buffers: UnsafeMutableRawPointer
  ) {
    let g = geometry
    let rowCount = Self.quadRows(g)
    let quadRowBytes = Self.quadRowBytes(g)
    let bufferBytes = rowCount &* quadRowBytes
    let plane = g.outHeight &* g.outWidth
    @inline(__always) func buffer(_ oh: Int) -> UnsafeMutableRawPointer { buffers + (oh & 1) &* bufferBytes }
    expandQuadRows(rows.lowerBound, band: band, planes: planes, into: buffer(rows.lowerBound))
    for oh in rows {
      if oh &+ 1 < rows.upperBound { expandQuadRows(oh &+ 1, band: band, planes: planes, into: buffer(oh &+ 1)) }
      let buffer = UnsafeRawPointer(buffer(oh))
      let outRow = oh &* g.outWidth
      // Two output channels at a time: two independent chains of dot products over one
      // load of each row of quads (with four, the loop grew past what LLVM inlines into).
      // A pair past the last channel repeats it.
      var first = channels.lowerBound
      while first < channels.upperBound {
        let c0 = first, c1 = min(first &+ 1, channels.upperBound &- 1)
        let t0 = taps + c0 &* rowCount, t1 = taps + c1 &* rowCount
        let biases = g.outChannels &* rowCount
        let b0 = ByteQuads.broadcast(taps, biases &+ c0), b1 = ByteQuads.broadcast(taps, biases &+ c1)
        let r0 = requantizer(c0), r1 = requantizer(c1)
        var ow = 0
        while ow < g.outWidth {
          let column = min(ow, g.outWidth &- ByteQuads.width)
          var s0 = b0, s1 = b1
          var quads = buffer + column &* 4
          for row in 0..<rowCount {
            let q = quads.loadUnaligned(as: SIMD16<Int32>.self)
            s0 = s0.addingByteDot(unsigned: q, signed: ByteQuads.broadcast(t0, row))
            s1 = s1.addingByteDot(unsigned: q, signed: ByteQuads.broadcast(t1, row))
            quads += quadRowBytes
          }
          ByteQuads.store(stage, s0, r0, at: output + (c0 &* plane &+ outRow &+ column))
          ByteQuads.store(stage, s1, r1, at: output + (c1 &* plane &+ outRow &+ column))
          ow = column &+ ByteQuads.width
        }
        first &+= 2
      }
    }
  }
}
