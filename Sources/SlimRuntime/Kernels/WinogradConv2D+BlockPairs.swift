extension WinogradConv2D {
  /// Whether the products are taken two channel blocks at a time (`multiplyPairs`),
  /// 8 tiles × 2 blocks per micro-kernel call, rather than one block of 6 tiles: in
  /// `SLIM_AVX512` builds, whose 32 registers hold the 16 accumulators. Each
  /// broadcast tile value then feeds two weight vectors, 10 loads for 16 multiply-adds
  /// where the one-block call makes 7 for 6 (on an Intel Xeon with two 512-bit
  /// multiply-add ports the one-block kernel was slower than the direct pairs on every
  /// VGG-16 shape; with this and the transforms' changes it is 1.4–2.3x faster from
  /// 16x16 on, `isPreferred`).
  #if SLIM_AVX512
    static let multipliesPairs = true
  #else
    static let multipliesPairs = false
  #endif

  /// Tile groups whose products one pass of `multiplyPairs` keeps: every position ξ
  /// of a channel pair runs over all of them before the next ξ, so each ξ's weights
  /// (C × 32 floats) are read once per pass, from the first-level cache after the
  /// first group, and 8 groups' products (288 KiB) stay in the second-level cache.
  static let groupsPerPass = 8

  /// Channel blocks per micro-kernel call: 2 with `multipliesPairs`, else 1.
  static let blocksPerCall = multipliesPairs ? 2 : 1

  /// Floats of the products one part keeps: `[group of the pass][block of the
  /// call][ξ][tilesPerGroup][lanes]`. O(1).
  static func productCount(_ g: Conv2D.Geometry) -> Int {
    let groups = multipliesPairs ? min(groupCount(g), groupsPerPass) : 1
    return groups * blocksPerCall * positions * tilesPerGroup * lanes
  }

  /// Micro-kernel calls over the channel blocks: the work items that parts share. O(1).
  var callCount: Int { (blockCount + Self.blocksPerCall - 1) / Self.blocksPerCall }

  /// The channel blocks of calls `calls` (a sub-range of `0..<callCount`). O(1).
  func blocks(ofCalls calls: Range<Int>) -> Range<Int> {
    min(calls.lowerBound * Self.blocksPerCall, blockCount)..<min(calls.upperBound * Self.blocksPerCall, blockCount)
  }

  /// The products of the transformed input of tile groups `groups` (each
  /// `groupStride` floats after the last, from `input`) with the weights of `blocks`,
  /// two blocks per call, each block's transformed back into its output tiles.
  /// A range of odd length computes its last block twice and keeps it once.
  /// Precondition: `products` holds `productCount` floats, and `groups` spans at
  /// most `groupsPerPass` groups.
  /// Cost: O(|groups|·|blocks|·lanes·tilesPerGroup·(36·C + 60)).
  func multiplyPairs(
    _ input: UnsafePointer<Float>, groupStride: Int, groups: Range<Int>, blocks: Range<Int>,
    products: UnsafeMutablePointer<Float>
  ) {
    let g = geometry
    let blockProducts = Self.positions * Self.tilesPerGroup * Self.lanes
    var first = blocks.lowerBound
    // Items past the last channel (the zero-filled end of the last layout block) have no outputs.
    while first < blocks.upperBound && first * Self.lanes < g.outChannels {
      let second = min(first + 1, blocks.upperBound - 1)
      let weights = (blockWeights(first), blockWeights(second))
      for position in 0..<Self.positions {
        let offset = position * g.inChannels * Self.layoutLanes
        for group in groups {
          let sums = Self.pairMicroKernel(
            weights: (weights.0 + offset, weights.1 + offset),
            input: input + (group - groups.lowerBound) * groupStride + position * g.inChannels * Self.inputStride,
            channels: g.inChannels)
          let groupProducts = products + 2 * (group - groups.lowerBound) * blockProducts
          storeProducts(sums.0, at: groupProducts + position * Self.tilesPerGroup * Self.lanes)
          storeProducts(sums.1, at: groupProducts + blockProducts + position * Self.tilesPerGroup * Self.lanes)
        }
      }
      for group in groups {
        let tiles = tiles(of: group)
        let groupProducts = products + 2 * (group - groups.lowerBound) * blockProducts
        transformOutput(groupProducts, firstTile: tiles.first, count: tiles.count, block: first)
        if second != first && second * Self.lanes < g.outChannels {
          transformOutput(groupProducts + blockProducts, firstTile: tiles.first, count: tiles.count, block: second)
        }
      }
      first += 2
    }
  }

  /// Where block `block`'s transformed weights start: its layout block's, plus its
  /// lanes within it. O(1).
  func blockWeights(_ block: Int) -> UnsafePointer<Float> {
    let (layoutBlock, sub) = block.quotientAndRemainder(dividingBy: Self.subBlocks)
    return weights + layoutBlock * Self.positions * geometry.inChannels * Self.layoutLanes + sub * Self.lanes
  }

  /// One group's dot products over the input channels at one position ξ, for two
  /// blocks: `weights` are `[C]` vectors `layoutLanes` apart each, `input` is
  /// `[C][inputStride]`, of which all 8 lanes are read (tiles past a group's last
  /// repeat it).
  @inline(__always)
  static func pairMicroKernel(
    weights: (UnsafePointer<Float>, UnsafePointer<Float>), input: UnsafePointer<Float>, channels: Int
  ) -> (Octet<Vector>, Octet<Vector>) {
    let zero = Vector(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero
    var b0 = zero, b1 = zero, b2 = zero, b3 = zero, b4 = zero, b5 = zero, b6 = zero, b7 = zero
    var w = UnsafeRawPointer(weights.0), x = input
    let secondOffset = UnsafeRawPointer(weights.1) - w
    for _ in 0..<channels {
      let u = w.loadUnaligned(as: Vector.self), v = (w + secondOffset).loadUnaligned(as: Vector.self)
      w += layoutLanes * MemoryLayout<Float>.size
      var t = Vector(repeating: x[0])
      BlockedConv2D.multiplyAdd(&a0, u, t)
      BlockedConv2D.multiplyAdd(&b0, v, t)
      t = Vector(repeating: x[1])
      BlockedConv2D.multiplyAdd(&a1, u, t)
      BlockedConv2D.multiplyAdd(&b1, v, t)
      t = Vector(repeating: x[2])
      BlockedConv2D.multiplyAdd(&a2, u, t)
      BlockedConv2D.multiplyAdd(&b2, v, t)
      t = Vector(repeating: x[3])
      BlockedConv2D.multiplyAdd(&a3, u, t)
      BlockedConv2D.multiplyAdd(&b3, v, t)
      t = Vector(repeating: x[4])
      BlockedConv2D.multiplyAdd(&a4, u, t)
      BlockedConv2D.multiplyAdd(&b4, v, t)
      t = Vector(repeating: x[5])
      BlockedConv2D.multiplyAdd(&a5, u, t)
      BlockedConv2D.multiplyAdd(&b5, v, t)
      t = Vector(repeating: x[6])
      BlockedConv2D.multiplyAdd(&a6, u, t)
      BlockedConv2D.multiplyAdd(&b6, v, t)
      t = Vector(repeating: x[7])
      BlockedConv2D.multiplyAdd(&a7, u, t)
      BlockedConv2D.multiplyAdd(&b7, v, t)
      x += inputStride
    }
    return ((a0, a1, a2, a3, a4, a5, a6, a7), (b0, b1, b2, b3, b4, b5, b6, b7))
  }

  /// Stores the first `tilesPerGroup` tile vectors of one position at `destination`
  /// (`[tilesPerGroup][lanes]`).
  @inline(__always)
  private func storeProducts(_ sums: Octet<Vector>, at destination: UnsafeMutablePointer<Float>) {
    let raw = UnsafeMutableRawPointer(destination), size = Self.lanes * MemoryLayout<Float>.size
    forEach(in: sums, prefix: Self.tilesPerGroup) { k, vector in
      raw.storeBytes(of: vector, toByteOffset: k * size, as: Vector.self)
    }
  }
}
