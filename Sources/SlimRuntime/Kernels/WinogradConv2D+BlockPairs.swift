extension WinogradConv2D {
  /// Whether the products are taken two channel blocks at a time (`multiplyPairs`,
  /// compiled in `SLIM_AVX512` builds only, where a block is one 16-lane vector),
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

  #if SLIM_AVX512
    /// The products of the transformed input of tile groups `groups` (each
    /// `groupStride` floats after the last, from `input`) with the weights of `blocks`,
    /// two blocks per call, each block's transformed back into its output tiles.
    /// A range of odd length computes its last block twice and keeps it once. The
    /// products are the direct pair kernel's micro-kernel (`BlockedConv2D.pairMicroKernel`)
    /// walking the input channels (`ChannelWalk`), its 8 pixels being the group's 8 tiles.
    /// Precondition: `products` holds `productCount` floats, and `groups` spans at
    /// most `groupsPerPass` groups.
    /// Cost: O(|groups|·|blocks|·lanes·tilesPerGroup·(36·C + 60)).
    func multiplyPairs(
      _ input: UnsafePointer<Float>, groupStride: Int, groups: Range<Int>, blocks: Range<Int>,
      products: UnsafeMutablePointer<Float>
    ) {
      let g = geometry
      let blockProducts = Self.positions * Self.tilesPerGroup * Self.lanes
      let walk = ChannelWalk(g, inputChannels: g.inChannels)
      let zero = Vector(repeating: 0)
      let zeroSums: BlockedConv2D.PairSums = (
        (zero, zero, zero, zero, zero, zero, zero, zero), (zero, zero, zero, zero, zero, zero, zero, zero)
      )
      var first = blocks.lowerBound
      // Items past the last channel (the zero-filled end of the last layout block) have no outputs.
      while first < blocks.upperBound && first * Self.lanes < g.outChannels {
        let second = min(first + 1, blocks.upperBound - 1)
        let weights = (blockWeights(first), blockWeights(second))
        for position in 0..<Self.positions {
          let offset = position * g.inChannels * Self.layoutLanes
          for group in groups {
            let tiles = input + (group - groups.lowerBound) * groupStride + position * g.inChannels * Self.inputStride
            let inputs = (tiles, tiles + 1, tiles + 2, tiles + 3, tiles + 4, tiles + 5, tiles + 6, tiles + 7)
            var sums: BlockedConv2D.PairSums
            if self.tiles(of: group).count <= Self.tilesPerGroup / 2 {
              // Groups of at most 4 tiles (8x8 planes have 4) run the kernel inlined once
              // more with tiles 4–7 unused (`firstFour`): half the multiply-adds.
              sums = BlockedConv2D.pairMicroKernel(
                walk, starts: zeroSums, weights: (weights.0 + offset, weights.1 + offset), inputs: inputs)
              sums = (firstFour(of: sums.0), firstFour(of: sums.1))
            } else {
              sums = BlockedConv2D.pairMicroKernel(
                walk, starts: zeroSums, weights: (weights.0 + offset, weights.1 + offset), inputs: inputs)
            }
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

    /// The walk of `BlockedConv2D.pairMicroKernel` over a group's transformed input at
    /// one position ξ (`[C][inputStride]`): one tap per input channel, `inputStride`
    /// floats apart, the tiles' pointers one float apart.
    struct ChannelWalk: TapWalk {
      let channels: Int

      init(_ g: Conv2D.Geometry, inputChannels: Int) { channels = inputChannels }

      @inline(__always)
      func forEach(_ body: (Int) -> Void) {
        for channel in 0..<channels { body(channel &* WinogradConv2D.inputStride) }
      }
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
  #endif
}
