/// The zero-padded input copy the fast convolutions read through, so that their
/// inner loops need no bounds checks.
enum PaddedInput {
  /// Fills `padded` (`C·paddedH·paddedW` elements, `BlockedConv2D.paddedExtent`) with
  /// `zero` and copies each input row into place with `copyRow(sourceOffset,
  /// destination, count)`, where `sourceOffset` indexes the NCHW input.
  /// Cost: O(C·paddedH·paddedW).
  @inline(__always)
  static func fill<Element>(
    _ g: Conv2D.Geometry, into padded: UnsafeMutablePointer<Element>, zero: Element,
    copyRow: (_ sourceOffset: Int, _ destination: UnsafeMutablePointer<Element>, _ count: Int) -> Void
  ) {
    let extent = BlockedConv2D.paddedExtent(g)
    padded.update(repeating: zero, count: g.inChannels * extent.height * extent.width)
    for c in 0..<g.inChannels {
      for row in 0..<g.inHeight {
        copyRow(
          (c * g.inHeight + row) * g.inWidth, padded + (c * extent.height + row + g.padTop) * extent.width + g.padLeft,
          g.inWidth)
      }
    }
  }

  /// Float input: rows copied as they are.
  static func fill(_ g: Conv2D.Geometry, from input: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
    fill(g, into: padded, zero: 0) { offset, destination, count in
      destination.update(from: input + offset, count: count)
    }
  }

  /// Int8 input: each value widened and shifted by `zeroPoint`, so padding (0) adds nothing.
  static func fill(
    _ g: Conv2D.Geometry, from input: UnsafeRawPointer, zeroPoint: Int32, into padded: UnsafeMutablePointer<Int32>
  ) {
    fill(g, into: padded, zero: 0) { offset, destination, count in
      for i in 0..<count {
        destination[i] = Int32(input.load(fromByteOffset: offset + i, as: Int8.self)) &- zeroPoint
      }
    }
  }
}
