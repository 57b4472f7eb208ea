extension BlockedConv2DInt8 {
  /// Whether sessions run this convolution's general kernel up to 32 output channels
  /// at a time (`runWide(items:rows:)`): `SLIM_AVX512` builds, `quads`, and at least
  /// two layout blocks per group.
  ///
  /// A 512-bit `vpdpbusd` issues as often as a 256-bit one on the Intel Xeon measured
  /// (325 against 167 GMAC/s in a plain loop), so 16 lanes halve the multiply-add
  /// instructions, and 32 (two vectors per pixel) halve the broadcast input loads per
  /// multiply-add again (`Tools/bench/int8_kernels.swift`, quads, µs, 8 → 16 → 32
  /// lanes: 128→128 at 16x16 338 → 197 → 173; 512→512 at 4x4 329 → 196 → 162). The
  /// blocks' taps are loaded side by side into one vector, so the packed layout
  /// (`PKI8`) is the same for every width. O(1).
  var usesWideBlocks: Bool {
    #if SLIM_AVX512
      return packing == .quads && Self.blocksPerGroup(geometry) >= 2
    #else
      return false
    #endif
  }

  /// Layout blocks per work item of `runWide(items:rows:)`.
  static let wideBlocks = 4

  /// Work items of `runWide(items:rows:)`: each group's layout blocks four at a time,
  /// the last item of a group taking what is left. O(1).
  var wideItemCount: Int {
    geometry.groups * ((Self.blocksPerGroup(geometry) + Self.wideBlocks - 1) / Self.wideBlocks)
  }

  /// `run(blocks:rows:)` up to 32 channels at a time: computes output rows `rows` of
  /// the channels of `items` (a sub-range of `0..<wideItemCount`); disjoint ranges
  /// write disjoint outputs. Four blocks run in 32 lanes (`QuadProduct32`), two in 16
  /// (`WideQuadProduct`), one in 8; three as 16 and 8. Every build compiles it (the
  /// wide byte dots are 8-lane ones without `SLIM_VNNI`), so every build tests it.
  /// Preconditions: `packing == .quads` and `prepareInput` has run.
  /// Cost: O(|items|·32·inPerGroup·kH·kW·|rows|·outW).
  func runWide(items: Range<Int>, rows: Range<Int>) {
    let blocksPerGroup = Self.blocksPerGroup(geometry)
    let itemsPerGroup = (blocksPerGroup + Self.wideBlocks - 1) / Self.wideBlocks
    for item in items {
      let (group, index) = item.quotientAndRemainder(dividingBy: itemsPerGroup)
      let block = group * blocksPerGroup + Self.wideBlocks * index
      switch blocksPerGroup - Self.wideBlocks * index {
      case 1: run(QuadProduct.self, block: block, rows: rows)
      case 2: run(WideQuadProduct.self, block: block, rows: rows)
      case 3:
        run(WideQuadProduct.self, block: block, rows: rows)
        run(QuadProduct.self, block: block + 2, rows: rows)
      default: run(QuadProduct32.self, block: block, rows: rows)
      }
    }
  }
}
