/// The zero-padded input copy the fast convolutions read through, so that their
/// inner loops need no bounds checks.
enum PaddedInput {
  /// Fills padded rows `rows` (a sub-range of `0..<extent.height`; `extent` covers the
  /// input and its top and left padding, as `BlockedConv2D.paddedExtent` does) of every channel of `padded` (`C·paddedH·paddedW` elements): input rows are copied
  /// into place with `copyRow(sourceOffset, destination, count)`, where `sourceOffset`
  /// indexes the NCHW input, and everything else is set to `zero`. Disjoint row ranges
  /// write disjoint elements, so threads may fill different ranges concurrently.
  /// Cost: O(C·|rows|·paddedW).
  @inline(__always)
  static func fill<Element>(
    _ g: Conv2D.Geometry, extent: (height: Int, width: Int), rows: Range<Int>,
    into padded: UnsafeMutablePointer<Element>, zero: Element,
    copyRow: (_ sourceOffset: Int, _ destination: UnsafeMutablePointer<Element>, _ count: Int) -> Void
  ) {
    for c in 0..<g.inChannels {
      for row in rows {
        fillRow(
          g, extent: extent, channel: c, row: row, into: padded + (c * extent.height + row) * extent.width,
          zero: zero, copyRow: copyRow)
      }
    }
  }

  /// Zeroes what is padding in every channel of a band of padded rows `rows` (rows
  /// outside the input, and the columns left and right of it), so that `copyBand`
  /// then writes only each channel's input rows: a depthwise convolution pads one
  /// channel at a time into the same band, just before reading it. `band` holds
  /// `|rows|·extent.width` elements, its first row being padded row `rows.lowerBound`.
  /// Cost: O(|rows|·paddedW).
  static func clearBand<Element>(
    _ g: Conv2D.Geometry, extent: (height: Int, width: Int), rows: Range<Int>,
    into band: UnsafeMutablePointer<Element>, zero: Element
  ) {
    let right = extent.width - g.padLeft - g.inWidth
    for row in rows {
      let destination = band + (row - rows.lowerBound) * extent.width
      let inputRow = row - g.padTop
      if inputRow >= 0 && inputRow < g.inHeight {
        destination.update(repeating: zero, count: g.padLeft)
        (destination + g.padLeft + g.inWidth).update(repeating: zero, count: right)
      } else {
        destination.update(repeating: zero, count: extent.width)
      }
    }
  }

  /// Copies channel `channel`'s input rows within padded rows `rows` into a band that
  /// `clearBand` has prepared, with `copyRow` as in `fill`. Cost: O(|rows|·inW).
  @inline(__always)
  static func copyBand<Element>(
    _ g: Conv2D.Geometry, extent: (height: Int, width: Int), channel: Int, rows: Range<Int>,
    into band: UnsafeMutablePointer<Element>,
    copyRow: (_ sourceOffset: Int, _ destination: UnsafeMutablePointer<Element>, _ count: Int) -> Void
  ) {
    let inputRows = max(rows.lowerBound, g.padTop)..<min(rows.upperBound, g.padTop + g.inHeight)
    for row in inputRows {
      copyRow(
        (channel * g.inHeight + row - g.padTop) * g.inWidth, band + (row - rows.lowerBound) * extent.width + g.padLeft,
        g.inWidth)
    }
  }

  /// Padded row `row` of channel `c`, written at `destination` (`extent.width` elements).
  @inline(__always)
  private static func fillRow<Element>(
    _ g: Conv2D.Geometry, extent: (height: Int, width: Int), channel c: Int, row: Int,
    into destination: UnsafeMutablePointer<Element>, zero: Element,
    copyRow: (_ sourceOffset: Int, _ destination: UnsafeMutablePointer<Element>, _ count: Int) -> Void
  ) {
    let inputRow = row - g.padTop
    guard inputRow >= 0 && inputRow < g.inHeight else {
      destination.update(repeating: zero, count: extent.width)
      return
    }
    destination.update(repeating: zero, count: g.padLeft)
    copyRow((c * g.inHeight + inputRow) * g.inWidth, destination + g.padLeft, g.inWidth)
    (destination + g.padLeft + g.inWidth).update(repeating: zero, count: extent.width - g.padLeft - g.inWidth)
  }

  /// Padded rows of `g`'s scratch: the range `fill` splits. O(1).
  static func paddedRows(_ g: Conv2D.Geometry) -> Int { BlockedConv2D.paddedExtent(g).height }

  /// Float input: rows copied as they are. `extent` defaults to `BlockedConv2D.paddedExtent`,
  /// `rows` to all padded rows.
  static func fill(
    _ g: Conv2D.Geometry, extent: (height: Int, width: Int)? = nil, rows: Range<Int>? = nil,
    from input: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>
  ) {
    let extent = extent ?? BlockedConv2D.paddedExtent(g)
    fill(g, extent: extent, rows: rows ?? 0..<extent.height, into: padded, zero: 0) { offset, destination, count in
      destination.update(from: input + offset, count: count)
    }
  }

  /// Float input, channel `channel` alone: `copyBand` with `BlockedConv2D.paddedExtent`,
  /// rows copied with vector moves (`coverRow`; the rows are short: a `memmove` call per
  /// row was most of the copy on 7x7 planes).
  /// Wrapping offsets: `4 * i` with overflow checks made the copy loop half compares
  /// (a third of a 56x56 stride-2 depthwise layer's time went to this copy).
  static func copyBand(
    _ g: Conv2D.Geometry, channel: Int, rows: Range<Int>, from input: UnsafePointer<Float>,
    into band: UnsafeMutablePointer<Float>
  ) {
    copyBand(g, extent: BlockedConv2D.paddedExtent(g), channel: channel, rows: rows, into: band) {
      offset, destination, count in
      let source = UnsafeRawPointer(input + offset), target = UnsafeMutableRawPointer(destination)
      // Generic over `BitwiseCopyable`, not `SIMD`: a helper over `SIMD` made the firmware's
      // `-no-allocations` build of the kernels instantiate array storage.
      @inline(__always) func move<Chunk: BitwiseCopyable>(_: Chunk.Type, at i: Int) {
        let bytes = i &* 4
        target.storeBytes(
          of: source.loadUnaligned(fromByteOffset: bytes, as: Chunk.self), toByteOffset: bytes, as: Chunk.self)
      }
      coverRow(count: count) { width, i in
        switch width {
        case 16: move(SIMD16<Float>.self, at: i)
        case 8: move(SIMD8<Float>.self, at: i)
        case 4: move(SIMD4<Float>.self, at: i)
        default: move(Float.self, at: i)
        }
      }
    }
  }

  /// Calls `move(width, start)`, `width` 16, 8, 4 or 1, on ranges `start..<start + width`
  /// that together cover `0..<count`: vectors of the widest of 16, 8 and 4 that fits,
  /// the last one ending at `count`, overlapping the one before, rather than narrower
  /// vectors and a scalar tail; single values only when `count < 4`. A row copy writes
  /// the overlap twice, with the same values. Rows of 7 and 14 values (MobileNetV2's
  /// small planes) ended in 3 and 2 scalar moves in the float copy, and in 7 and 6
  /// scalar conversions in the int8 one, which were most of its time (the int8 band
  /// copy was 17% of int8 MobileNetV2 in `perf`; 8% with this).
  /// Cost: O(count / width + 1) calls.
  @inline(__always)
  static func coverRow(count: Int, _ move: (_ width: Int, _ start: Int) -> Void) {
    @inline(__always) func cover(_ width: Int) {
      var i = 0
      while i &+ width <= count {
        move(width, i)
        i &+= width
      }
      if i < count { move(width, count &- width) }
    }
    if count >= 16 {
      cover(16)
    } else if count >= 8 {
      cover(8)
    } else if count >= 4 {
      cover(4)
    } else {
      for i in 0..<count { move(1, i) }
    }
  }
}
