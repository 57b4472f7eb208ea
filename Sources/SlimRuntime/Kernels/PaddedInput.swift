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
    let right = extent.width - g.padLeft - g.inWidth
    for c in 0..<g.inChannels {
      for row in rows {
        let destination = padded + (c * extent.height + row) * extent.width
        let inputRow = row - g.padTop
        guard inputRow >= 0 && inputRow < g.inHeight else {
          destination.update(repeating: zero, count: extent.width)
          continue
        }
        destination.update(repeating: zero, count: g.padLeft)
        copyRow((c * g.inHeight + inputRow) * g.inWidth, destination + g.padLeft, g.inWidth)
        (destination + g.padLeft + g.inWidth).update(repeating: zero, count: right)
      }
    }
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

  /// Int8 input: each value widened and shifted by `zeroPoint`, so padding (0) adds nothing.
  /// `rows` defaults to all padded rows.
  static func fill(
    _ g: Conv2D.Geometry, rows: Range<Int>? = nil, from input: UnsafeRawPointer, zeroPoint: Int32,
    into padded: UnsafeMutablePointer<Int32>
  ) {
    // Eight values at a time: the scalar loop was not vectorized and was 17% of int8 MobileNetV2.
    let shift = SIMD8<Int32>(repeating: zeroPoint)
    fill(g, extent: BlockedConv2D.paddedExtent(g), rows: rows ?? 0..<paddedRows(g), into: padded, zero: 0) {
      offset, destination, count in
      let source = input + offset, whole = count - count % 8
      for i in stride(from: 0, to: whole, by: 8) {
        let values = source.loadUnaligned(fromByteOffset: i, as: SIMD8<Int8>.self).widened &- shift
        UnsafeMutableRawPointer(destination + i).storeBytes(of: values, as: SIMD8<Int32>.self)
      }
      for i in whole..<count { destination[i] = Int32(source.load(fromByteOffset: i, as: Int8.self)) &- zeroPoint }
    }
  }
}
