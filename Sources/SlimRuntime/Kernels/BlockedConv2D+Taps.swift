extension BlockedConv2D {
  /// The walk of a micro-kernel call over the input channels and taps of one group,
  /// in the packed weights' order, with each tap's offset in the padded input.
  /// Built once per kernel call from the geometry, so that the micro-kernels, called
  /// once per few pixels, derive nothing from it.
  struct Taps {
    let inPerGroup: Int
    let kernelHeight: Int, kernelWidth: Int
    let dilationH: Int, dilationW: Int
    /// Floats per padded input channel, and per padded row.
    let plane: Int, rowStride: Int
    /// Whether kernel rows are 3 taps unrolled: for column stride 1 only, where it
    /// measured 3–10% faster (`Tools/bench/direct_conv.swift`, best of 5). With stride 2
    /// the unrolled even-column loads of the row kernel were merged into gathers, and
    /// MobileNetV2's first layer ran at 28–37 GFLOP/s instead of 75.
    let unrollsRows: Bool

    init(_ g: Conv2D.Geometry) {
      let extent = BlockedConv2D.paddedExtent(g)
      inPerGroup = g.inChannels / g.groups
      kernelHeight = g.kernelHeight
      kernelWidth = g.kernelWidth
      dilationH = g.dilationH
      dilationW = g.dilationW
      plane = extent.height * extent.width
      rowStride = extent.width
      unrollsRows = g.kernelWidth == 3 && g.strideW == 1
    }

    /// Calls `body(offset)` for each input channel and tap, `offset` being the tap's
    /// distance in the padded input from the first channel's pixel under the top-left
    /// tap. 1x1 kernels take one loop, and 3-wide kernel rows may be unrolled
    /// (`unrollsRows`; constants the inlined copies see). The index arithmetic wraps:
    /// every offset lies inside the padded input by construction.
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
      @inline(__always) func walk(kernelWidth: Int) {
        for ic in 0..<inPerGroup {
          for kh in 0..<kernelHeight {
            let row = ic &* plane &+ kh &* dilationH &* rowStride
            for kw in 0..<kernelWidth { body(row &+ kw &* dilationW) }
          }
        }
      }
      if kernelHeight == 1 && kernelWidth == 1 {
        for ic in 0..<inPerGroup { body(ic &* plane) }
      } else if unrollsRows {
        walk(kernelWidth: 3)
      } else {
        walk(kernelWidth: kernelWidth)
      }
    }
  }
}
