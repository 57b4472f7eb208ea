extension BlockedConv2D {
  /// The micro-kernels over the blocked weight layout, each with its own work items
  /// (channel groups of the output) and each computing the same outputs. (Not
  /// `CaseIterable`: its synthesized array would allocate, which the firmware build's
  /// `-no-allocations` check of the kernels refuses.)
  enum Kernel {
    /// One block of `lanes` output channels × 8 pixels (`run(blocks:rows:)`).
    case channelVectors
    /// Two 16-channel blocks × 8 pixels (`runPairs`).
    case channelPairs
    /// 8 output channels × pixel vectors along output rows (`runRows`).
    case rows
    /// 4 output channels × 3 pixel vectors over a 1x1 layer's flat plane (`runPointwise`).
    case pointwise
  }

  /// The kernel sessions run `g` with. Pointwise for 1x1 stride-1 layers, except for
  /// long reductions where the build's channel-pair kernel beats it
  /// (`pairsFromInputChannels`). Then the row kernel where `prefersRows`, else the
  /// channel-vector kernel: pairs where the build prefers them. O(1).
  static func preferredKernel(_ g: Conv2D.Geometry) -> Kernel {
    let pairsBeatPointwise = prefersPairs && g.inChannels / g.groups >= pairsFromInputChannels
    if prefersPointwise(g) && !pairsBeatPointwise { return .pointwise }
    if prefersRows(g) { return .rows }
    return prefersPairs ? .channelPairs : .channelVectors
  }

  #if SLIM_AVX512_HALVES
    /// Input channels from which 1x1 layers take the channel pairs: none on AMD's Zen 4.
    /// There the pointwise kernel, which prefetches the next block's weights, beats the
    /// pairs on every such layer of the models (`slim-report --measure`, µs, pairs →
    /// pointwise, two runs: MobileNetV2's 320→1280 at 7x7 507 → 400, 960→160 336 → 295
    /// for the two, 960→320 335 → 293, 384→64 at 14x14 310 → 286 for the three, 576→96
    /// 438 → 428 for the two; PreResNet-164's 256→64 at 8x8 435–441 → 356–363 for the
    /// 17), though it reads the whole input again for every 4 output channels.
    static let pairsFromInputChannels = Int.max
  #else
    /// Input channels from which 1x1 layers take the channel pairs: each pointwise item
    /// (4 channels) reads the whole input again, and from 256 input channels on the pairs
    /// measured faster (Intel Xeon, AVX-512, `Tools/bench/direct_conv.swift`, best of 5,
    /// GFLOP/s, pairs vs pointwise: 960→160 at 7x7 117 vs 70, 576→96 at 14x14 118 vs 95,
    /// 256→64 at 8x8 118 vs 84; with fewer, in an earlier build of the pairs: 160→960 at
    /// 7x7 90 vs 99–100, 96→576 at 14x14 85 vs 115).
    static let pairsFromInputChannels = 256
  #endif

  /// Whether `kernel` can compute `g` (each has its preconditions). O(1).
  static func canRun(_ kernel: Kernel, _ g: Conv2D.Geometry) -> Bool {
    switch kernel {
    case .channelVectors, .channelPairs: return true
    case .rows: return canRunRows(g)
    case .pointwise: return prefersPointwise(g)
    }
  }

  /// Work items of `kernel` (the range `run(_:items:rows:)` takes). O(1).
  func itemCount(_ kernel: Kernel) -> Int {
    switch kernel {
    case .channelVectors: return blockCount
    case .channelPairs: return pairItemCount
    case .rows: return rowItemCount
    case .pointwise: return pointItemCount
    }
  }

  /// Output rows `rows` of the channels of `items` (sub-ranges of `0..<outHeight`
  /// and `0..<itemCount(kernel)`), computed by `kernel`. Disjoint ranges write
  /// disjoint outputs. Preconditions: `canRun(kernel, geometry)`, the padded input is
  /// prepared, and for `pointwise` `rows` holds at least `pointSpan` pixels.
  @inline(__always)
  func run(_ kernel: Kernel, items: Range<Int>, rows: Range<Int>) {
    switch kernel {
    case .channelVectors: run(blocks: items, rows: rows)
    case .channelPairs: runPairs(items: items, rows: rows)
    case .rows: runRows(items: items, rows: rows)
    case .pointwise: runPointwise(items: items, rows: rows)
    }
  }
}
