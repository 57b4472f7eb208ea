/// Int8 depthwise convolution with 3x3 taps whose kernel rows are byte dot products
/// (`SIMD16<Int32>.addingByteDot`): one `vpdpbusd` per kernel row and vector of 16
/// output columns, where `Int8DepthwiseConv2D` converts every input byte to `Float`
/// and spends 9 multiply-adds on the vector. Sessions choose it only in `SLIM_VNNI`
/// builds (`isPreferred`); other builds compute the same bits through the emulated dot
/// product, slowly, so its tests against the plain kernel run in every build.
///
/// One `Int32` lane holds a kernel row's three input bytes for one output column, a
/// *quad* `(x[s·c], x[s·c+1], x[s·c+2], 0)` for column `c` and column stride `s`, and
/// is dotted with the broadcast row of taps `(w0, w1, w2, 0)`. Each padded input row
/// is expanded into quads once (`ByteQuads.expand`) and read by every output row that needs it
/// (three, for row stride 1).
///
/// `vpdpbusd` multiplies unsigned bytes by signed ones, so the band holds `x + 128`
/// (`x ^ 0x80`) and its padding `zeroPoint + 128`. A sum is then
/// Σ (x − zeroPoint)·w + (zeroPoint + 128)·Σw, and the channel's constant second term
/// leaves with the bias (`ByteQuads.prepareTaps`, once per session). All of it is `Int32`, wrapping as the plain
/// kernel's accumulator does, so the result is bit for bit the plain kernel's
/// (`Conv2DInt8`), requantized as the 16-lane float kernel requantizes.
///
/// Rows of 16 or more columns run a row at a time (`runRows`), narrower ones in plane
/// order (`runPlanes`); both requantize whole vectors as they store them, the last one
/// ending at the end of the row or range (storing a few bytes twice, with the same
/// values).
///
/// Preconditions of every member: `isEligible(geometry)`, the pointers hold the counts
/// the geometry implies, and the output overlaps neither the input nor the scratch.
struct ByteDotDepthwiseConv2D {
  let geometry: Conv2D.Geometry
  let stage: Int8OutputStage
  /// The NCHW int8 input.
  let input: UnsafeRawPointer
  /// Per-part scratch, `parts · scratchCount` floats' bytes: part `p` uses the
  /// `scratchCount` from `scratch + p · scratchCount`.
  let scratch: UnsafeMutablePointer<Float>
  /// The taps and corrected biases, `tapsCount` values (`ByteQuads.prepareTaps` of the
  /// model's weights and biases, 3 rows per channel).
  let taps: UnsafePointer<Int32>
  /// Per output channel: the `Int32` multiplier and shift, as stored in the model.
  let multiplier: UnsafeRawPointer, shift: UnsafeRawPointer
  /// The NCHW int8 output.
  let output: UnsafeMutableRawPointer

  /// Output columns per byte dot product.
  static var width: Int { ByteQuads.width }

  /// `Int32` values of the prepared taps (`taps`). O(1).
  static func tapsCount(_ g: Conv2D.Geometry) -> Int { ByteQuads.tapsCount(channels: g.outChannels, rowsPerChannel: 3) }

  /// Depthwise 3x3 taps without dilation, strides 1 or 2. O(1).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool {
    NarrowInt8DepthwiseConv2D.isEligible(g) && g.kernelHeight == 3 && g.kernelWidth == 3 && g.dilationH == 1
      && g.dilationW == 1 && (g.strideW == 1 || g.strideW == 2) && (g.strideH == 1 || g.strideH == 2)
  }

  /// Whether sessions run `g` with this kernel rather than `Int8DepthwiseConv2D`: in
  /// `SLIM_VNNI` builds, where the byte dot product is one instruction. Measured on
  /// MobileNetV2's layers (`Tools/bench/depthwise.swift`, AMD Zen 4, µs, the faster
  /// float-lane kernel → this one): 32@112x112 190 → 145, 96@112x112 stride 2 274 →
  /// 164, 144@56x56 233 → 196, stride 2 105 → 68, 192@28x28 86 → 74, stride 2 45 → 25,
  /// 384@14x14 51 → 41, 576@14x14 68 → 62, stride 2 52 → 41, 960@7x7 57 → 50. O(1).
  static func isPreferred(_ g: Conv2D.Geometry) -> Bool {
    BlockedConv2DInt8.hasByteDotInstruction && isEligible(g)
  }

  /// Quads of one expanded row: the output row, or one whole vector if it is narrower. O(1).
  static func quadsPerRow(_ g: Conv2D.Geometry) -> Int { max(g.outWidth, width) }

  /// Bytes of a part's padded band: the whole padded plane, and what `expand` reads
  /// past the start of its last row beyond the row. O(1).
  static func bandBytes(_ g: Conv2D.Geometry) -> Int {
    let extent = BlockedConv2D.paddedExtent(g)
    // `expand` reads up to `s · quadsPerRow + 2` bytes from a row's start (the stride-2
    // form's last 16 `UInt16` lanes end there).
    let reach = g.strideW * quadsPerRow(g) + 2
    return roundedUpTo64(extent.height * extent.width + max(0, reach - extent.width))
  }

  /// Slots of the ring of expanded rows: the three an output row reads and the
  /// `strideH` more the next one reads, rounded up to a power of two.
  static var slotCount: Int { 8 }

  /// Bytes of one ring slot: an expanded row of `Int32` quads. O(1).
  static func slotBytes(_ g: Conv2D.Geometry) -> Int { roundedUpTo64(4 * quadsPerRow(g)) }

  /// Whether output rows are narrower than a vector, so that the kernel runs in plane
  /// order (`runPlanes`) rather than row by row (`runRows`). O(1).
  static func runsInPlaneOrder(_ g: Conv2D.Geometry) -> Bool { g.outWidth < width }

  /// Quads of one row phase of a plane-order buffer: every `strideH`-th padded row,
  /// `outWidth` quads each, and one vector past the last. O(1).
  static func phaseQuads(_ g: Conv2D.Geometry) -> Int {
    (BlockedConv2D.paddedExtent(g).height + g.strideH - 1) / g.strideH * g.outWidth + width
  }

  /// Bytes of one plane-order buffer: `strideH` phases. O(1).
  static func planeBufferBytes(_ g: Conv2D.Geometry) -> Int { roundedUpTo64(4 * g.strideH * phaseQuads(g)) }

  /// Floats of one part's scratch: the band, then the ring's slots (row order) or two
  /// plane-order buffers; a multiple of 16. O(1).
  static func scratchCount(_ g: Conv2D.Geometry) -> Int {
    (bandBytes(g) + (runsInPlaneOrder(g) ? 2 * planeBufferBytes(g) : slotCount * slotBytes(g))) / 4
  }

  private static func roundedUpTo64(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }

  /// Computes output rows `rows` of output channels `channels` (sub-ranges of
  /// `0..<outHeight` and `0..<outChannels`, `rows` not empty) with part `part`'s
  /// scratch; disjoint ranges write disjoint outputs, so threads may run them
  /// concurrently with different parts.
  /// Cost: O(|channels|·(|rows|·outW·3/16 + |band rows|·(paddedW + outW/16))).
  func run(channels: Range<Int>, rows: Range<Int>, part: Int) {
    if geometry.strideW == 1 {
      run(channels: channels, rows: rows, part: part, columnStride: 1)
    } else {
      run(channels: channels, rows: rows, part: part, columnStride: 2)
    }
  }

  /// `run` with the column stride a constant where it is inlined, so that each stride
  /// has its own expansion loop.
  @inline(__always)
  private func run(channels: Range<Int>, rows: Range<Int>, part: Int, columnStride: Int) {
    let g = geometry
    let band = rows.lowerBound &* g.strideH..<(rows.upperBound &- 1) &* g.strideH &+ 3
    let partScratch = scratch + part &* Self.scratchCount(g)
    // The band is written through `UInt8` pointers (`PaddedInput`'s fills), the rest
    // only through raw loads and stores.
    partScratch.withMemoryRebound(to: UInt8.self, capacity: Self.bandBytes(g)) { bytes in
      let shiftedZeroPoint = UInt8(truncatingIfNeeded: stage.inputZeroPoint) ^ 0x80
      PaddedInput.clearBand(g, extent: BlockedConv2D.paddedExtent(g), rows: band, into: bytes, zero: shiftedZeroPoint)
      let work = UnsafeMutableRawPointer(bytes) + Self.bandBytes(g)
      if Self.runsInPlaneOrder(g) {
        runPlanes(channels: channels, rows: rows, band: band, bytes: bytes, buffers: work, columnStride: columnStride)
      } else {
        runRows(channels: channels, rows: rows, band: band, bytes: bytes, slots: work, columnStride: columnStride)
      }
    }
  }

  /// One channel's taps, bias and rescale, as the sums and stores take them.
  private struct Channel {
    /// The kernel rows' taps (`ByteQuads.rowTapWord`).
    let w0: SIMD16<Int32>, w1: SIMD16<Int32>, w2: SIMD16<Int32>
    /// The corrected bias (`ByteQuads.prepareTaps`) in every lane: where the sums start.
    let bias: SIMD16<Int32>
    let requantizer: SIMD16<Float>.Requantizer
    let rescale: Rescale
    /// The channel's output plane.
    let plane: UnsafeMutableRawPointer

    /// `bias` plus the three byte dot products of the quads at `q0`, `q1` and `q2`
    /// with the rows of taps. O(1).
    @_transparent
    func sum(_ q0: UnsafeRawPointer, _ q1: UnsafeRawPointer, _ q2: UnsafeRawPointer) -> SIMD16<Int32> {
      bias.addingByteDot(unsigned: q0.loadUnaligned(as: SIMD16<Int32>.self), signed: w0)
        .addingByteDot(unsigned: q1.loadUnaligned(as: SIMD16<Int32>.self), signed: w1)
        .addingByteDot(unsigned: q2.loadUnaligned(as: SIMD16<Int32>.self), signed: w2)
    }
  }

  /// Channel `channel`'s operands, after copying its padded rows `band` into `bytes`. O(band bytes).
  @inline(__always)
  private func prepare(_ channel: Int, band: Range<Int>, bytes: UnsafeMutablePointer<UInt8>) -> Channel {
    let g = geometry
    PaddedInput.copyBand(g, extent: BlockedConv2D.paddedExtent(g), channel: channel, rows: band, into: bytes) {
      offset, destination, count in
      ByteQuads.copyShifted(input + offset, into: destination, count: count)
    }
    let rescale = Rescale(
      multiplier: multiplier.load(fromByteOffset: channel &* 4, as: Int32.self),
      shift: shift.load(fromByteOffset: channel &* 4, as: Int32.self))
    return Channel(
      w0: ByteQuads.broadcast(taps, channel &* 3), w1: ByteQuads.broadcast(taps, channel &* 3 &+ 1),
      w2: ByteQuads.broadcast(taps, channel &* 3 &+ 2),
      bias: ByteQuads.broadcast(taps, g.outChannels &* 3 &+ channel), requantizer: SIMD16<Float>.requantizer(rescale),
      rescale: rescale, plane: output + channel &* g.outHeight &* g.outWidth)
  }

  /// Rows of 16 or more columns, one output row at a time: the padded rows are
  /// expanded into a ring of `slotCount` slots, a row at a time, each one output row
  /// before it is read, so that the loads do not meet the expansion's stores still in
  /// the store buffer (reading them straight after made the kernel up to 2x slower).
  /// Each vector is requantized as it is stored, a row's last one ending at its end.
  @inline(__always)
  private func runRows(
    channels: Range<Int>, rows: Range<Int>, band: Range<Int>, bytes: UnsafeMutablePointer<UInt8>,
    slots: UnsafeMutableRawPointer, columnStride: Int
  ) {
    let g = geometry
    let rowBytes = BlockedConv2D.paddedExtent(g).width
    let slotBytes = Self.slotBytes(g)
    @inline(__always) func slot(_ row: Int) -> UnsafeMutableRawPointer {
      slots + (row & (Self.slotCount &- 1)) &* slotBytes
    }
    for channel in channels {
      let c = prepare(channel, band: band, bytes: bytes)
      // The next band row to expand; each lands in slot `row % slotCount`.
      var next = band.lowerBound
      for oh in rows {
        let top = oh &* g.strideH
        next = max(next, top)
        // This row's rows and the next one's.
        let needed = min(top &+ 3 &+ g.strideH, band.upperBound)
        while next < needed {
          ByteQuads.expand(
            UnsafeRawPointer(bytes + (next &- band.lowerBound) &* rowBytes), into: slot(next),
            count: Self.quadsPerRow(g),
            columnStride: columnStride)
          next &+= 1
        }
        let q0 = UnsafeRawPointer(slot(top)), q1 = UnsafeRawPointer(slot(top &+ 1))
        let q2 = UnsafeRawPointer(slot(top &+ 2))
        let outRow = oh &* g.outWidth
        var ow = 0
        while ow < g.outWidth {
          let column = min(ow, g.outWidth &- Self.width)
          let offset = column &* 4
          ByteQuads.store(
            stage, c.sum(q0 + offset, q1 + offset, q2 + offset), c.requantizer, at: c.plane + (outRow &+ column))
          ow = column &+ Self.width
        }
      }
    }
  }

  /// Rows narrower than a vector, in plane order: every padded row's quads are laid
  /// out one after another, `outWidth` per row, in `strideH` phases (padded rows
  /// `strideH·j + phase`), so that the quads a kernel row reads for 16 consecutive
  /// outputs of the plane are 16 consecutive quads, whichever rows they fall in. The
  /// sums then fill whole vectors (a 7x7 plane takes 4, where a vector per row takes
  /// 7 and leaves 9 lanes of each empty) and are requantized and stored 16 bytes at a
  /// time, the last vector ending at the range's end. A channel's quads are expanded
  /// while the channel before is summed, into the other of two buffers: read straight
  /// after their stores, the loads stalled on the store buffer.
  @inline(__always)
  private func runPlanes(
    channels: Range<Int>, rows: Range<Int>, band: Range<Int>, bytes: UnsafeMutablePointer<UInt8>,
    buffers: UnsafeMutableRawPointer, columnStride: Int
  ) {
    guard !channels.isEmpty else { return }
    let g = geometry
    let rowBytes = BlockedConv2D.paddedExtent(g).width
    let bufferBytes = Self.planeBufferBytes(g)
    let phaseBytes = 4 &* Self.phaseQuads(g)
    let rowQuadBytes = 4 &* g.outWidth
    // Strides 1 and 2 only (`isEligible`): a row's phase and its index within the phase.
    let phaseMask = g.strideH &- 1, phaseShift = g.strideH &- 1
    @inline(__always) func expandChannel(_ channel: Int, into buffer: UnsafeMutableRawPointer) -> Channel {
      let c = prepare(channel, band: band, bytes: bytes)
      for i in 0..<band.count {
        ByteQuads.expand(
          UnsafeRawPointer(bytes + i &* rowBytes),
          into: buffer + (i & phaseMask) &* phaseBytes + (i &>> phaseShift) &* rowQuadBytes, count: Self.width,
          columnStride: columnStride)
      }
      return c
    }
    // Kernel row `kh` reads phase `kh % strideH`, `kh / strideH` rows on.
    let offset1 = g.strideH == 1 ? rowQuadBytes : phaseBytes
    let offset2 = g.strideH == 1 ? 2 &* rowQuadBytes : rowQuadBytes
    let first = rows.lowerBound &* g.outWidth, count = rows.count &* g.outWidth
    var c = expandChannel(channels.lowerBound, into: buffers)
    for channel in channels {
      let buffer = UnsafeRawPointer(buffers + ((channel &- channels.lowerBound) & 1) &* bufferBytes)
      let next =
        channel &+ 1 < channels.upperBound
        ? expandChannel(channel &+ 1, into: buffers + ((channel &+ 1 &- channels.lowerBound) & 1) &* bufferBytes) : c
      @inline(__always) func sum(at index: Int) -> SIMD16<Int32> {
        let q0 = buffer + index &* 4
        return c.sum(q0, q0 + offset1, q0 + offset2)
      }
      let destination = c.plane + first
      if count >= Self.width {
        var done = 0
        while done < count {
          let at = min(done, count &- Self.width)
          ByteQuads.store(stage, sum(at: at), c.requantizer, at: destination + at)
          done = at &+ Self.width
        }
      } else {
        // Fewer outputs than a vector (a part of a row or two): the lanes past them
        // belong to other parts' rows or lie past the plane.
        let sums = sum(at: 0)
        for lane in 0..<count {
          destination.storeBytes(
            of: stage.finish(sums[lane], multiplier: c.rescale.multiplier, shift: c.rescale.shift),
            toByteOffset: lane, as: Int8.self)
        }
      }
      c = next
    }
  }
}
