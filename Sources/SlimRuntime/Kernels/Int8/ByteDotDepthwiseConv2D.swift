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
/// is expanded into quads once (`expand`), into a ring of three rows, and read by
/// every output row that needs it (three, for row stride 1).
///
/// `vpdpbusd` multiplies unsigned bytes by signed ones, so the band holds `x + 128`
/// (`x ^ 0x80`) and its padding `zeroPoint + 128`. A sum is then
/// Σ (x − zeroPoint)·w + (zeroPoint + 128)·Σw, and the channel's constant second term
/// leaves with the bias (`channelBias`). All of it is `Int32`, wrapping as the plain
/// kernel's accumulator does, so the result is bit for bit the plain kernel's
/// (`Conv2DInt8`), requantized as the 16-lane float kernel requantizes.
///
/// Rows of 16 or more columns are requantized as they are stored, a row's last vector
/// ending at its end (storing a few bytes twice, with the same values). Narrower rows
/// keep their sums in the scratch and the channel's plane is requantized 16 at a time
/// at the end (`finish`), as the narrow float kernel does.
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
  /// `outChannels·9` int8 taps, as stored in the model.
  let weights: UnsafeRawPointer
  /// Per output channel: the `Int32` bias, multiplier and shift, as stored in the model.
  let biases: UnsafeRawPointer, multiplier: UnsafeRawPointer, shift: UnsafeRawPointer
  /// The NCHW int8 output.
  let output: UnsafeMutableRawPointer

  /// Lanes of a vector: output columns per byte dot product.
  static var width: Int { 16 }

  /// Depthwise 3x3 taps without dilation, strides 1 or 2. O(1).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool {
    NarrowInt8DepthwiseConv2D.isEligible(g) && g.kernelHeight == 3 && g.kernelWidth == 3 && g.dilationH == 1
      && g.dilationW == 1 && (g.strideW == 1 || g.strideW == 2) && (g.strideH == 1 || g.strideH == 2)
  }

  /// Whether sessions run `g` with this kernel rather than `Int8DepthwiseConv2D`: in
  /// `SLIM_VNNI` builds, where the byte dot product is one instruction, for rows of 16
  /// or more columns. Measured (`Tools/bench/depthwise.swift`, AMD Zen 4, µs, the
  /// faster float-lane kernel → this one): 32@112x112 189 → 145, 96@112x112 stride 2
  /// 274 → 155, 144@56x56 233 → 190, stride 2 104 → 68, 192@28x28 85 → 74. On
  /// narrower rows, whose sums wait for `finish`, it tied or lost: 384@14x14 52 → 56,
  /// 576@14x14 68 → 85, 960@7x7 57 → 65 (192@28x28 stride 2, 14 columns: 45 → 33). O(1).
  static func isPreferred(_ g: Conv2D.Geometry) -> Bool {
    BlockedConv2DInt8.hasByteDotInstruction && isEligible(g) && g.outWidth >= width
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

  /// Whether output rows are narrower than a vector, so the sums wait in the scratch
  /// for `finish`. O(1).
  static func defersRequantization(_ g: Conv2D.Geometry) -> Bool { g.outWidth < width }

  /// Bytes of a part's deferred sums: for two channels, a whole output plane of
  /// `Int32` and one vector past it. O(1).
  static func sumsBytes(_ g: Conv2D.Geometry) -> Int {
    defersRequantization(g) ? 2 * roundedUpTo64(4 * (g.outHeight * g.outWidth + width)) : 0
  }

  /// Floats of one part's scratch: band, three ring slots, deferred sums, a multiple of 16. O(1).
  static func scratchCount(_ g: Conv2D.Geometry) -> Int {
    (bandBytes(g) + slotCount * slotBytes(g) + sumsBytes(g)) / 4
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
      run(channels: channels, rows: rows, band: band, bytes: bytes, columnStride: columnStride)
    }
  }

  /// `run` with the part's scratch as bytes, `band` the padded rows `rows` read.
  @inline(__always)
  private func run(
    channels: Range<Int>, rows: Range<Int>, band: Range<Int>, bytes: UnsafeMutablePointer<UInt8>, columnStride: Int
  ) {
    let g = geometry
    let extent = BlockedConv2D.paddedExtent(g)
    let slots = UnsafeMutableRawPointer(bytes) + Self.bandBytes(g)
    let slotBytes = Self.slotBytes(g)
    let sums = slots + Self.slotCount &* slotBytes
    let shiftedZeroPoint = UInt8(truncatingIfNeeded: stage.inputZeroPoint) ^ 0x80
    PaddedInput.clearBand(g, extent: extent, rows: band, into: bytes, zero: shiftedZeroPoint)
    let plane = g.outHeight &* g.outWidth
    let deferred = Self.defersRequantization(g)
    let sumsBytes = Self.sumsBytes(g) / 2
    // With deferred requantization, the channel whose sums wait for `finish`: it runs
    // after the next channel's rows, when the sums' stores have left the store buffer
    // (loads across several stores still in it stall).
    var pending: (sums: UnsafeRawPointer, plane: UnsafeMutableRawPointer, rescale: Rescale)? = nil
    @inline(__always) func finishPending() {
      guard let p = pending else { return }
      finish(
        p.sums, into: p.plane, from: rows.lowerBound &* g.outWidth, count: rows.count &* g.outWidth,
        rescale: p.rescale)
    }
    for channel in channels {
      let channelSums = sums + (channel & 1) &* sumsBytes
      PaddedInput.copyBand(g, extent: extent, channel: channel, rows: band, into: bytes) {
        offset, destination, count in
        Self.copyShifted(input + offset, into: destination, count: count)
      }
      let taps = weights + channel &* 9
      let w0 = Self.rowTaps(taps), w1 = Self.rowTaps(taps + 3), w2 = Self.rowTaps(taps + 6)
      let bias = SIMD16<Int32>(repeating: channelBias(channel, taps))
      let rescale = Rescale(
        multiplier: multiplier.load(fromByteOffset: channel &* 4, as: Int32.self),
        shift: shift.load(fromByteOffset: channel &* 4, as: Int32.self))
      let requantizer = SIMD16<Float>.requantizer(rescale)
      let outPlane = output + channel &* plane
      // The next band row to expand; each lands in ring slot `row % slotCount`.
      var next = band.lowerBound
      @inline(__always) func slot(_ row: Int) -> UnsafeMutableRawPointer {
        slots + (row & (Self.slotCount &- 1)) &* slotBytes
      }
      for oh in rows {
        let top = oh &* g.strideH
        next = max(next, top)
        // This row's rows and the next one's: a row is read one output row after it
        // is expanded, not straight after its stores.
        let needed = min(top &+ 3 &+ g.strideH, band.upperBound)
        while next < needed {
          expand(
            UnsafeRawPointer(bytes + (next &- band.lowerBound) &* extent.width), into: slot(next),
            columnStride: columnStride)
          next &+= 1
        }
        let q0 = UnsafeRawPointer(slot(top))
        let q1 = UnsafeRawPointer(slot(top &+ 1))
        let q2 = UnsafeRawPointer(slot(top &+ 2))
        @inline(__always) func sum(at column: Int) -> SIMD16<Int32> {
          let offset = column &* 4
          return bias.addingByteDot(
            unsigned: q0.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int32>.self), signed: w0
          )
          .addingByteDot(unsigned: q1.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int32>.self), signed: w1)
          .addingByteDot(unsigned: q2.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int32>.self), signed: w2)
        }
        let outRow = oh &* g.outWidth
        if deferred {
          // The lanes past the row land where the next row's sums go, or past the plane.
          channelSums.storeBytes(of: sum(at: 0), toByteOffset: outRow &* 4, as: SIMD16<Int32>.self)
          continue
        }
        var ow = 0
        while ow < g.outWidth {
          let column = min(ow, g.outWidth &- Self.width)
          store(sum(at: column), requantizer, at: outPlane + (outRow &+ column))
          ow = column &+ Self.width
        }
      }
      if deferred {
        finishPending()
        pending = (UnsafeRawPointer(channelSums), outPlane, rescale)
      }
    }
    finishPending()
  }

  /// The channel's bias less the constant that shifting the input by 128 adds to its
  /// sums: (zeroPoint + 128)·Σw. Wrapping, as the accumulator is. O(1).
  @inline(__always)
  private func channelBias(_ channel: Int, _ taps: UnsafeRawPointer) -> Int32 {
    var tapSum: Int32 = 0
    for tap in 0..<9 { tapSum &+= Int32(taps.load(fromByteOffset: tap, as: Int8.self)) }
    return biases.load(fromByteOffset: channel &* 4, as: Int32.self) &- (stage.inputZeroPoint &+ 128) &* tapSum
  }

  /// The three taps at `taps` as the signed bytes of every lane, the fourth byte zero. O(1).
  @inline(__always)
  private static func rowTaps(_ taps: UnsafeRawPointer) -> SIMD16<Int32> {
    let bytes =
      UInt32(taps.load(as: UInt8.self)) | UInt32(taps.load(fromByteOffset: 1, as: UInt8.self)) &<< 8
      | UInt32(taps.load(fromByteOffset: 2, as: UInt8.self)) &<< 16
    return SIMD16(repeating: Int32(bitPattern: bytes))
  }

  /// `count` int8 values from `source` plus 128 (`^ 0x80`) into `destination`, a vector
  /// at a time (`PaddedInput.coverRow`).
  @inline(__always)
  private static func copyShifted(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<UInt8>, count: Int)
  {
    let target = UnsafeMutableRawPointer(destination)
    @inline(__always) func move<Chunk: SIMD>(_: Chunk.Type, at i: Int) where Chunk.Scalar == UInt8 {
      let value = source.loadUnaligned(fromByteOffset: i, as: Chunk.self) ^ Chunk(repeating: 0x80)
      target.storeBytes(of: value, toByteOffset: i, as: Chunk.self)
    }
    PaddedInput.coverRow(count: count) { width, i in
      switch width {
      case 16: move(SIMD16<UInt8>.self, at: i)
      case 8: move(SIMD8<UInt8>.self, at: i)
      case 4: move(SIMD4<UInt8>.self, at: i)
      default: destination[i] = source.load(fromByteOffset: i, as: UInt8.self) ^ 0x80
      }
    }
  }

  /// Writes `quadsPerRow` quads of the padded row at `row` into `slot`: quad `c` holds
  /// bytes `s·c`, `s·c + 1` and `s·c + 2` (its fourth byte meets a zero tap). A vector
  /// at a time, the last ending at the row's end. Cost: O(quadsPerRow / 16).
  @inline(__always)
  private func expand(_ row: UnsafeRawPointer, into slot: UnsafeMutableRawPointer, columnStride: Int) {
    let count = Self.quadsPerRow(geometry)
    var c = 0
    while c < count {
      let at = min(c, count &- Self.width)
      let quads: SIMD16<UInt32>
      if columnStride == 1 {
        let b0 = row.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self).zeroExtended
        let b1 = row.loadUnaligned(fromByteOffset: at &+ 1, as: SIMD16<UInt8>.self).zeroExtended
        let b2 = row.loadUnaligned(fromByteOffset: at &+ 2, as: SIMD16<UInt8>.self).zeroExtended
        var q = b2 &<< 16
        q |= b1 &<< 8
        quads = q | b0
      } else {
        // Bytes 2c and 2c + 1 as one `UInt16` lane, then byte 2c + 2 from the next one.
        let pairs = row.loadUnaligned(fromByteOffset: 2 &* at, as: SIMD16<UInt16>.self).zeroExtended
        let next = row.loadUnaligned(fromByteOffset: 2 &* at &+ 2, as: SIMD16<UInt16>.self).zeroExtended
        quads = pairs | (next & SIMD16(repeating: 0xFF)) &<< 16
      }
      slot.storeBytes(of: quads, toByteOffset: at &* 4, as: SIMD16<UInt32>.self)
      c = at &+ Self.width
    }
  }

  /// Writes 16 bytes at `destination`: `stage.finish` of each lane of `sums` with
  /// `requantizer`'s rescale, as the 16-lane float kernel's stores
  /// (`SIMD16<Float>.storeRequantized`). Here rather than a call of that: the call was
  /// left out of line in this kernel's loop (10% of the kernel bench in `perf`).
  @_transparent
  private func store(
    _ sums: SIMD16<Int32>, _ requantizer: SIMD16<Float>.Requantizer, at destination: UnsafeMutableRawPointer
  ) {
    #if _pointerBitWidth(_32)
      SIMD16<Float>.storeRequantized(sums, stage, requantizer, at: destination)
    #else
      destination.storeBytes(of: stage.finish(sums, requantizer), as: SIMD16<Int8>.self)
    #endif
  }

  /// Requantizes the deferred sums at plane positions `index..<index + count` into
  /// `plane`: 16 at a time where there are at least 16, the last 16 ending at the
  /// range's end, one at a time otherwise. Cost: O(count / 16 + 16).
  @inline(__always)
  private func finish(
    _ sums: UnsafeRawPointer, into plane: UnsafeMutableRawPointer, from index: Int, count: Int, rescale: Rescale
  ) {
    let requantizer = SIMD16<Float>.requantizer(rescale)
    let end = index &+ count
    var done = index
    if count >= Self.width {
      while done < end {
        let at = min(done, end &- Self.width)
        let values = sums.loadUnaligned(fromByteOffset: at &* 4, as: SIMD16<Int32>.self)
        store(values, requantizer, at: plane + at)
        done = at &+ Self.width
      }
    }
    while done < end {
      let value = sums.load(fromByteOffset: done &* 4, as: Int32.self)
      plane.storeBytes(
        of: stage.finish(value, multiplier: rescale.multiplier, shift: rescale.shift), toByteOffset: done,
        as: Int8.self)
      done &+= 1
    }
  }
}

extension SIMD16 where Scalar == UInt8 {
  /// The lanes zero-extended to `UInt32`, lane by lane (`SIMD+Widening.swift` says why).
  /// Cost: one `vpmovzxbd` on x86 with AVX-512.
  @inline(__always)
  var zeroExtended: SIMD16<UInt32> {
    var result = SIMD16<UInt32>()
    for lane in 0..<16 { result[lane] = UInt32(self[lane]) }
    return result
  }
}

extension SIMD16 where Scalar == UInt16 {
  /// The lanes zero-extended to `UInt32`. Cost: one `vpmovzxwd` on x86 with AVX-512.
  @inline(__always)
  var zeroExtended: SIMD16<UInt32> {
    var result = SIMD16<UInt32>()
    for lane in 0..<16 { result[lane] = UInt32(self[lane]) }
    return result
  }
}
