/// The walk of the blocked convolutions over the flattened output plane, in runs of
/// up to 8 pixels, without a division per pixel (which, for short reductions such
/// as 1x1 convolutions over 16 channels, cost more than the multiply-adds).
struct PixelRun {
  /// Output row and column of the run's first pixel.
  var row = 0, column = 0

  /// Input pointers of the run's `count` pixels (1...8) in `origin`'s padded plane,
  /// the last repeated to fill 8 slots. O(8).
  @inline(__always)
  func pointers<Element>(
    _ origin: UnsafePointer<Element>, count: Int, _ g: Conv2D.Geometry, rowStride: Int
  ) -> Octet<UnsafePointer<Element>> {
    var walker = self
    var taken = 0
    func next() -> UnsafePointer<Element> {
      let pointer = origin + walker.row * g.strideH * rowStride + walker.column * g.strideW
      taken += 1
      if taken < count { walker.advance(by: 1, outWidth: g.outWidth) }
      return pointer
    }
    return (next(), next(), next(), next(), next(), next(), next(), next())
  }

  /// Moves `count` pixels on. O(count / outWidth + 1).
  @inline(__always)
  mutating func advance(by count: Int, outWidth: Int) {
    column += count
    while column >= outWidth {
      column -= outWidth
      row += 1
    }
  }
}
