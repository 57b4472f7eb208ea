/// The walk of a blocked-convolution micro-kernel call over the input channels and
/// taps of one group, in the packed weights' order: `forEach(body)` calls
/// `body(offset)` with each tap's distance in the padded input from the first
/// channel's pixel under the top-left tap.
///
/// Built once per kernel call from the geometry, so that the micro-kernels, called once
/// per few pixels, derive nothing from it. Each walk calls `body` from one place, on
/// purpose: with a second (an unrolled copy for 3-wide kernels, a loop of its own for
/// 1x1 in the same walk), the optimizer stopped inlining the micro-kernels' bodies and
/// called them through a pointer per tap. A kernel that wants the 1x1 walk is
/// specialized for it instead (`BlockedConv2D.Taps.walksPointwise`).
protocol TapWalk {
  /// The walk over the first `inputChannels` input channels of a group of `g` (from
  /// the channel the caller's input and weight pointers start at).
  init(_ g: Conv2D.Geometry, inputChannels: Int)
  func forEach(_ body: (Int) -> Void)
}

extension TapWalk {
  /// The walk over all of a group's input channels.
  init(_ g: Conv2D.Geometry) { self.init(g, inputChannels: g.inChannels / g.groups) }
}

extension BlockedConv2D {
  /// Any kernel shape: input channels, kernel rows, kernel columns. The index
  /// arithmetic wraps: every offset lies inside the padded input by construction.
  struct Taps: TapWalk {
    /// Input channels walked.
    let inPerGroup: Int
    let kernelHeight: Int, kernelWidth: Int
    let dilationH: Int, dilationW: Int
    /// Floats per padded input channel, and per padded row.
    let plane: Int, rowStride: Int

    init(_ g: Conv2D.Geometry, inputChannels: Int) {
      let extent = BlockedConv2D.inputExtent(g)
      inPerGroup = inputChannels
      kernelHeight = g.kernelHeight
      kernelWidth = g.kernelWidth
      dilationH = g.dilationH
      dilationW = g.dilationW
      plane = extent.height * extent.width
      rowStride = extent.width
    }

    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
      for ic in 0..<inPerGroup {
        for kh in 0..<kernelHeight {
          let row = ic &* plane &+ kh &* dilationH &* rowStride
          for kw in 0..<kernelWidth { body(row &+ kw &* dilationW) }
        }
      }
    }

    /// Whether `g` has one tap per input channel, for `PointwiseTaps`. O(1).
    static func walksPointwise(_ g: Conv2D.Geometry) -> Bool { g.kernelHeight == 1 && g.kernelWidth == 1 }
  }

  /// 1x1 kernels: one tap per input channel, one loop. The channel-pair kernel ran
  /// 25–35% faster on long 1x1 reductions with it than with the general walk
  /// (`Tools/bench/direct_conv.swift`, best of 5: 576→96 at 14x14 115 vs 86 GFLOP/s,
  /// 960→160 at 7x7 113 vs 83).
  struct PointwiseTaps: TapWalk {
    /// Input channels walked.
    let inPerGroup: Int
    /// Floats per padded input channel.
    let plane: Int

    init(_ g: Conv2D.Geometry, inputChannels: Int) {
      let extent = BlockedConv2D.inputExtent(g)
      inPerGroup = inputChannels
      plane = extent.height * extent.width
    }

    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
      for ic in 0..<inPerGroup { body(ic &* plane) }
    }
  }
}
