/// Winograd F(4x4, 3x3) convolution (Lavin & Gray, 2016) for 3x3, stride-1,
/// undilated, ungrouped layers: the fast path beside `BlockedConv2D`, with the
/// plain `Conv2D` as the reference it is tested against.
///
/// Each 4x4 output tile comes from a 6x6 input tile: `Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A`.
/// Summed over input channels, the element-wise product becomes 36 independent
/// matrix products (one per position ξ of the 6x6 tile), with 36 multiply-adds
/// per output channel, input channel and tile where the direct convolution needs
/// 16 · 9 = 144: a quarter of the arithmetic, paid for by the two transforms.
///
/// Not exact: the transforms round, and the interpolation points (0, ±1, ±2)
/// scale some terms by up to 8 before the sums cancel. The error bound this
/// kernel states and its tests check is 1e-4 of the largest output (the
/// project's fp32 tolerance); on random inputs it measures 3e-6 to 2e-5, where the
/// direct kernels measure 2e-7 to 1e-6 (`Tools/bench/winograd.swift` prints both).
///
/// Layouts. Weights are transformed once (`transform`), into
/// `[block][ξ][C][16]`: 16 output channels per block, zero past the last, in every
/// build. The input is read through a zero-padded copy that covers whole tiles.
/// Work goes in groups of `tilesPerGroup` tiles, taken over the flattened tile grid
/// so that small planes still fill a group: a group's transformed input is
/// `[ξ][C][8]` (lanes are tiles), and for each block and ξ the micro-kernel holds
/// the group's tiles × `lanes` output channels in `Vector` accumulators, as
/// `BlockedConv2D`'s does for pixels; in `SLIM_AVX512` builds two blocks at a time,
/// over passes of several groups (`multipliesPairs`, `WinogradConv2D+BlockPairs.swift`).
///
/// Preconditions of every member: pointers hold the counts their `Geometry`
/// implies, and `output` overlaps neither the input nor the scratch.
struct WinogradConv2D {
  /// One accumulator per tile of a micro-kernel call.
  typealias Sextet<Value> = (Value, Value, Value, Value, Value, Value)
  typealias Vector = BlockedConv2D.Vector
  /// Output channels per weight vector (per work item).
  static let lanes = Vector.scalarCount
  /// Output channels per block of the transformed weights, in every build, as for
  /// `BlockedConv2D.layoutLanes`: a build with fewer lanes runs each block as
  /// `subBlocks` work items.
  static let layoutLanes = BlockedConv2D.layoutLanes
  static let subBlocks = layoutLanes / lanes
  /// Tiles per micro-kernel call (and per group): 6 × 16 lanes keep 12 accumulators,
  /// the weights and a broadcast in AVX2's 16 registers (8 tiles spilled; measured);
  /// 8, all the lanes of the transformed input, where calls take two blocks
  /// (`multipliesPairs`).
  static let tilesPerGroup = multipliesPairs ? 8 : 6
  /// Floats per channel of a group's transformed input: the 8 lanes of the input
  /// transform, of which the first `tilesPerGroup` are used.
  static let inputStride = 8
  /// Output tile side (4) and input tile side (6).
  static let tile = 4, window = 6
  /// Positions ξ of the 6x6 transformed tile.
  static let positions = 36

  let geometry: Conv2D.Geometry
  let input: UnsafePointer<Float>
  /// Zero-padded copy of `input` (`paddedCount` floats), filled by `preparePaddedInput`.
  let padded: UnsafeMutablePointer<Float>
  /// Transformed weights, `transformedCount` floats.
  let weights: UnsafePointer<Float>
  let bias: UnsafePointer<Float>?
  let output: UnsafeMutablePointer<Float>
  let activation: SlimActivation
  /// Per-part scratch, `parts · scratchCount` floats: part `p` uses `scratch + p · scratchCount`.
  let scratch: UnsafeMutablePointer<Float>
  /// The whole transformed input for parts that split the output channels
  /// (`sharesTransformedInput`): `sharedInputCount` floats for the part count that
  /// runs; `run` does not use it.
  let sharedInput: UnsafeMutablePointer<Float>

  /// 3x3, stride 1, no dilation, one group, and enough channels to fill the lanes. O(1).
  static func isEligible(_ g: Conv2D.Geometry) -> Bool {
    g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideH == 1 && g.strideW == 1 && g.dilationH == 1
      && g.dilationW == 1 && g.groups == 1 && g.outChannels >= 8 && g.inChannels >= 8
  }

  /// Whether this kernel should replace `BlockedConv2D`: measured with
  /// `Tools/bench/winograd.swift`. The transforms cost about as much as 4–8
  /// input or output channels of products, so narrow layers stay direct; and
  /// a plane of fewer than 8 × 8 outputs leaves most of a group's tiles empty while
  /// the transformed weights, 4x the direct ones, are read for them all the same.
  ///
  /// In builds with the pair kernels (`SLIM_AVX512`, `multipliesPairs`), only from
  /// 16x16 on. From there this kernel is 1.4–2.3x as fast as the direct pairs (hot
  /// caches, Intel Xeon: 64→64 at 32x32 0.31 against 0.51 ms; 128→128 at 16x16 0.29
  /// against 0.50; 32→32 at 16x16 0.023 against 0.032), and VGG-16's 32x32 and 16x16
  /// layers took half the time in the network. An 8x8 plane has 4 tiles, half of a
  /// group of 8: PreResNet-164's 64→64 layers there ran 1.09x slower in the network
  /// (though 1.14x faster hot), and VGG-16's 256-channel ones 1.7x slower, their
  /// transformed weights (9 MiB) coming from memory. Not so on AMD's Zen 4
  /// (`SLIM_AVX512_HALVES`, `smallestPlane`): there VGG-16 took 0.92 of its time with
  /// its 8x8 layers through this kernel (0.91 with 2 threads), the 30% VGG-16 0.87.
  static func isPreferred(_ g: Conv2D.Geometry) -> Bool {
    isEligible(g) && g.inChannels >= minimumInputChannels && g.outHeight >= smallestPlane
      && g.outWidth >= smallestPlane
  }

  #if SLIM_AVX512 && !SLIM_AVX512_HALVES
    /// The smallest output plane side taken: see `isPreferred`.
    static let smallestPlane = 16
  #else
    /// The smallest output plane side taken. On AMD's Zen 4 (`SLIM_AVX512_HALVES`), whose
    /// cores complete half as many 512-bit multiply-adds per cycle, the direct kernel
    /// reaches 95–107 GFLOP/s at 8x8 (hot), and this one is 1.4x (64→64) to 1.8x
    /// (256→256) as fast there.
    static let smallestPlane = 8
  #endif

  /// Whether `slim-pack --packed-weights` stores `g`'s transformed weights (`WINO`):
  /// where a build of either kind prefers this kernel, since the file may be run by
  /// either. O(1).
  static func isStored(_ g: Conv2D.Geometry) -> Bool {
    isEligible(g) && g.inChannels >= 8 && g.outHeight >= 8 && g.outWidth >= 8
  }

  #if SLIM_FMA
    /// Native builds: the direct kernel reaches 40–60 GFLOP/s; against it, 16→16
    /// channels at 32x32 ran at 0.97x here, 16→32 at 16x16 at 1.1x, 32→32 at 16x16 at
    /// 1.4x and 64→64 at 32x32 at 2.6x.
    static let minimumInputChannels = 32
  #else
    /// Portable builds: the direct kernel runs at 10–17 GFLOP/s; 8→16 channels at
    /// 32x32 already ran 1.5x faster here (before the epilogue fix of `Activation.clamp`).
    static let minimumInputChannels = 8
  #endif

  /// Tiles down and across the output plane. O(1).
  static func tileGrid(_ g: Conv2D.Geometry) -> (rows: Int, columns: Int) {
    ((g.outHeight + tile - 1) / tile, (g.outWidth + tile - 1) / tile)
  }

  /// Groups of `tilesPerGroup` tiles: the work items `run(blocks:groups:part:)` takes. O(1).
  static func groupCount(_ g: Conv2D.Geometry) -> Int {
    let grid = tileGrid(g)
    return (grid.rows * grid.columns + tilesPerGroup - 1) / tilesPerGroup
  }

  /// Blocks of `layoutLanes` output channels in the transformed weights. O(1).
  static func layoutBlocks(_ g: Conv2D.Geometry) -> Int { (g.outChannels + layoutLanes - 1) / layoutLanes }

  /// Work items of `lanes` output channels: the blocks `run(blocks:groups:part:)` takes. O(1).
  static func blockCount(_ g: Conv2D.Geometry) -> Int { layoutBlocks(g) * subBlocks }

  /// Floats of the transformed weights. O(1).
  static func transformedCount(_ g: Conv2D.Geometry) -> Int {
    layoutBlocks(g) * positions * g.inChannels * layoutLanes
  }

  /// Padded input extents: every whole tile's window lies inside them. O(1).
  static func paddedExtent(_ g: Conv2D.Geometry) -> (height: Int, width: Int) {
    let grid = tileGrid(g)
    return (grid.rows * tile + 2, grid.columns * tile + 2)
  }

  /// Floats of the padded copy, and 16 after it that `transformInput`'s row loads
  /// may read past the last row (and never use). O(1).
  static func paddedCount(_ g: Conv2D.Geometry) -> Int {
    let extent = paddedExtent(g)
    return g.inChannels * extent.height * extent.width + 16
  }

  /// Floats of one part's scratch: a group's transformed input and the products
  /// (`productCount`). O(1).
  static func scratchCount(_ g: Conv2D.Geometry) -> Int {
    positions * inputStride * g.inChannels + productCount(g)
  }

  /// Floats of one group's transformed input (`[ξ][C][8]`). O(1).
  static func groupInputCount(_ g: Conv2D.Geometry) -> Int { positions * inputStride * g.inChannels }

  /// Floats of the shared transformed input when `parts` parts split `g`'s output
  /// channels (`sharesTransformedInput`), else 0. O(1).
  static func sharedInputCount(_ g: Conv2D.Geometry, parts: Int) -> Int {
    sharesTransformedInput(g, parts: parts) ? groupCount(g) * groupInputCount(g) : 0
  }

  /// Whether `parts` (more than one) parts split `g` by tile groups: wherever each part
  /// gets at least one group with `multipliesPairs`, else at least two. A split by tiles
  /// makes every part read all the transformed weights, from the shared cache, but
  /// each part transforms its own tiles' input and writes its own output rows, which
  /// the neighbouring steps' row splits keep in its core's cache. With the channel split
  /// from a shared transformed input instead (`sharesTransformedInput`), each part reads
  /// the half the other core transformed, after a barrier: on two threads, one group
  /// each took VGG-16's 16x16 and 32x32 Winograd layers from 211–223 to 186–190 µs
  /// (128→128), 104–110 → 96–103 (64→128) and 253–255 → 204–224 (64→64) in
  /// `slim-report --measure --threads 2` (Zen 4, two runs), and the whole run 0.97 of
  /// its time, PreResNet-164's 0.95 (10 alternated rounds each). O(1).
  static func splitsByTiles(_ g: Conv2D.Geometry, parts: Int) -> Bool {
    parts > 1 && groupCount(g) >= (multipliesPairs ? 1 : 2) * parts
  }

  /// Whether `parts` parts split `g` by channel blocks from one transformed input,
  /// which the parts build together first (`transformInput(groups:)`): where there are
  /// too few tile groups to split and the blocks divide evenly enough. Each part
  /// transforming the whole input itself instead (the input transform is about a fifth
  /// of the layer's time in perf) held VGG-16's 8x8 and 16x16 layers at 1.05–1.2x on
  /// two threads. O(1).
  /// With `multipliesPairs`, also for one part, where it lets each ξ's weights serve
  /// a pass of several groups (`multiplyPairs`), and for more wherever the tile groups
  /// are too few to split.
  static func sharesTransformedInput(_ g: Conv2D.Geometry, parts: Int) -> Bool {
    guard !multipliesPairs else { return parts == 1 || !splitsByTiles(g, parts: parts) }
    let calls = (blockCount(g) + blocksPerCall - 1) / blocksPerCall
    let balanced = calls % parts == 0 || calls >= 4 * parts
    return parts > 1 && !splitsByTiles(g, parts: parts) && balanced
  }

  /// Writes `weight` (`[O, C, 3, 3]`) transformed, `G g Gᵀ` per output and input
  /// channel, into `transformed` (`transformedCount` floats), 16 output channels at
  /// a time in vector lanes: the layout's blocks. Done at session creation, so it is
  /// written for speed.
  /// Cost: O(O·C), about 60 vector operations per 16 output channels and input channel.
  static func transform(
    _ g: Conv2D.Geometry, weight: UnsafePointer<Float>, into transformed: UnsafeMutablePointer<Float>
  ) {
    typealias Lanes = SIMD16<Float>
    let channels = g.inChannels
    let raw = UnsafeMutableRawPointer(transformed)
    let step = channels * layoutLanes * MemoryLayout<Float>.size  // from one position ξ to the next
    for block in 0..<layoutBlocks(g) {
      let count = min(layoutLanes, g.outChannels - block * layoutLanes)
      let blockBase = transformed + block * positions * channels * layoutLanes
      // First the 9 taps, transposed into the slots of positions 0...8 (their reads are
      // contiguous, and gathering 16 channels' taps into a vector directly was 10x slower).
      for lane in 0..<layoutLanes {
        for ic in 0..<channels {
          let source = weight + ((block * layoutLanes + lane) * channels + ic) * 9
          for t in 0..<9 { blockBase[(t * channels + ic) * layoutLanes + lane] = lane < count ? source[t] : 0 }
        }
      }
      // Then per input channel: G·w (each filter column), then (G·w)·Gᵀ, over those slots.
      for ic in 0..<channels {
        let first = ((block * positions) * channels + ic) * layoutLanes * MemoryLayout<Float>.size
        func tap(_ t: Int) -> Lanes { raw.loadUnaligned(fromByteOffset: first + t * step, as: Lanes.self) }
        let column0 = filterTransform(tap(0), tap(3), tap(6))
        let column1 = filterTransform(tap(1), tap(4), tap(7))
        let column2 = filterTransform(tap(2), tap(5), tap(8))
        func store(_ row: Int, _ r: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes)) {
          let offset = first + row * window * step
          raw.storeBytes(of: r.0, toByteOffset: offset, as: Lanes.self)
          raw.storeBytes(of: r.1, toByteOffset: offset + step, as: Lanes.self)
          raw.storeBytes(of: r.2, toByteOffset: offset + 2 * step, as: Lanes.self)
          raw.storeBytes(of: r.3, toByteOffset: offset + 3 * step, as: Lanes.self)
          raw.storeBytes(of: r.4, toByteOffset: offset + 4 * step, as: Lanes.self)
          raw.storeBytes(of: r.5, toByteOffset: offset + 5 * step, as: Lanes.self)
        }
        store(0, filterTransform(column0.0, column1.0, column2.0))
        store(1, filterTransform(column0.1, column1.1, column2.1))
        store(2, filterTransform(column0.2, column1.2, column2.2))
        store(3, filterTransform(column0.3, column1.3, column2.3))
        store(4, filterTransform(column0.4, column1.4, column2.4))
        store(5, filterTransform(column0.5, column1.5, column2.5))
      }
    }
  }

  /// `G x` for three values `x` along one side of the filter: G is the filter
  /// transform for the points 0, 1, −1, 2, −2 and ∞.
  @inline(__always)
  static func filterTransform<V: SIMD>(_ x0: V, _ x1: V, _ x2: V) -> (V, V, V, V, V, V) where V.Scalar == Float {
    let even = x0 + x2, scaledEven = x0 * (1 / 4) + x2  // shared by rows 1 and 2, 3 and 4
    return (
      x0 * (1 / 4), (even + x1) * (-1 / 6), (even - x1) * (-1 / 6), (scaledEven + x1 * (1 / 2)) * (1 / 6),
      (scaledEven - x1 * (1 / 2)) * (1 / 6), x2
    )
  }

  /// Channel work items (`blockCount(geometry)`).
  var blockCount: Int { Self.blockCount(geometry) }

  /// Tile groups (`groupCount(geometry)`).
  var groupCount: Int { Self.groupCount(geometry) }

  /// `splitsByTiles(geometry, parts:)`.
  func splitsByTiles(parts: Int) -> Bool { Self.splitsByTiles(geometry, parts: parts) }

  /// `sharesTransformedInput(geometry, parts:)`.
  func sharesTransformedInput(parts: Int) -> Bool { Self.sharesTransformedInput(geometry, parts: parts) }

  /// Copies the input into the zero-padded scratch. Run once before any `run`.
  /// `rows`: only those padded rows (`PaddedInput.fill`), so that threads can share it.
  /// Cost: O(C·paddedH·paddedW).
  func preparePaddedInput(rows: Range<Int>? = nil) {
    let extent = Self.paddedExtent(geometry)
    PaddedInput.fill(geometry, extent: extent, rows: rows ?? 0..<extent.height, from: input, into: padded)
  }

  /// Computes the output channels of `blocks` over the tiles of `groups` (sub-ranges
  /// of `0..<blockCount` and `0..<groupCount`), transforming each group's input into
  /// part `part`'s scratch. Different ranges write disjoint outputs, so parts may run
  /// concurrently.
  /// Cost: O(|groups|·(C·36·(8 + |blocks|·lanes·tilesPerGroup) + |blocks|·lanes·tilesPerGroup·60)).
  func run(blocks: Range<Int>, groups: Range<Int>, part: Int) {
    let transformedInput = scratch + part * Self.scratchCount(geometry)
    let products = transformedInput + Self.groupInputCount(geometry)
    for group in groups {
      let tiles = tiles(of: group)
      transformInput(firstTile: tiles.first, count: tiles.count, into: transformedInput)
      #if SLIM_AVX512
        multiplyPairs(transformedInput, groupStride: 0, groups: group..<group + 1, blocks: blocks, products: products)
      #else
        multiply(transformedInput, blocks: blocks, firstTile: tiles.first, count: tiles.count, products: products)
      #endif
    }
  }

  /// Transforms the input of tile groups `groups` into `sharedInput`, group by group:
  /// the preparation `runTransformed` needs, split among the parts by groups.
  /// Precondition: `sharedInput` holds `groupCount · groupInputCount` floats.
  /// Cost: O(|groups|·C·36·8).
  func transformInput(groups: Range<Int>) {
    for group in groups {
      let tiles = tiles(of: group)
      transformInput(
        firstTile: tiles.first, count: tiles.count, into: sharedInput + group * Self.groupInputCount(geometry))
    }
  }

  /// As `run`, over every tile group, reading the input `transformInput(groups:)` has
  /// transformed into `sharedInput` (all of it, on every part); part `part`'s scratch
  /// holds the products. Different `blocks` write disjoint outputs.
  /// Precondition: every group's input is transformed.
  /// Cost: O(groupCount·|blocks|·lanes·tilesPerGroup·(36·C + 60)).
  func runTransformed(blocks: Range<Int>, part: Int) {
    let products = scratch + part * Self.scratchCount(geometry) + Self.groupInputCount(geometry)
    let groupInput = Self.groupInputCount(geometry)
    #if SLIM_AVX512
      for pass in stride(from: 0, to: groupCount, by: Self.groupsPerPass) {
        multiplyPairs(
          sharedInput + pass * groupInput, groupStride: groupInput,
          groups: pass..<min(pass + Self.groupsPerPass, groupCount), blocks: blocks, products: products)
      }
    #else
      for group in 0..<groupCount {
        let tiles = tiles(of: group)
        multiply(
          sharedInput + group * groupInput, blocks: blocks, firstTile: tiles.first, count: tiles.count,
          products: products)
      }
    #endif
  }

  /// The first tile of group `group` and how many tiles it has (the last group may have fewer).
  func tiles(of group: Int) -> (first: Int, count: Int) {
    let grid = Self.tileGrid(geometry)
    let first = group * Self.tilesPerGroup
    return (first, min(Self.tilesPerGroup, grid.rows * grid.columns - first))
  }

  /// The products of one group's transformed input with the weights of `blocks`, each
  /// block's transformed back into its output tiles.
  private func multiply(
    _ transformedInput: UnsafeMutablePointer<Float>, blocks: Range<Int>, firstTile: Int, count: Int,
    products: UnsafeMutablePointer<Float>
  ) {
    let g = geometry
    // Items past the last channel (the zero-filled end of the last layout block) have no outputs.
    for block in blocks where block * Self.lanes < g.outChannels {
      let (layoutBlock, sub) = block.quotientAndRemainder(dividingBy: Self.subBlocks)
      let blockWeights = weights + layoutBlock * Self.positions * g.inChannels * Self.layoutLanes + sub * Self.lanes
      for position in 0..<Self.positions {
        let sums = Self.microKernel(
          weights: blockWeights + position * g.inChannels * Self.layoutLanes,
          input: transformedInput + position * g.inChannels * Self.inputStride, channels: g.inChannels)
        storeProducts(sums, at: products + position * Self.tilesPerGroup * Self.lanes)
      }
      transformOutput(products, firstTile: firstTile, count: count, block: block)
    }
  }

  /// `Bᵀ d B` of 8 tiles from `firstTile` on (the last of `count` repeated after it),
  /// every input channel, into `transformed` as `[ξ][C][8]`: lanes are tiles.
  private func transformInput(firstTile: Int, count: Int, into transformed: UnsafeMutablePointer<Float>) {
    let g = geometry
    let extent = Self.paddedExtent(g)
    let columns = Self.tileGrid(g).columns
    let plane = extent.height * extent.width
    func corner(_ k: Int) -> UnsafePointer<Float> {
      let (row, column) = (firstTile + min(k, count - 1)).quotientAndRemainder(dividingBy: columns)
      return UnsafePointer(padded) + row * Self.tile * extent.width + column * Self.tile
    }
    let corners: Octet<UnsafePointer<Float>> = (
      corner(0), corner(1), corner(2), corner(3), corner(4), corner(5), corner(6), corner(7)
    )
    let stride = g.inChannels * Self.inputStride
    // Eight whole tiles side by side in one tile row, or four in each of two (4-tile
    // rows, as 16x16 planes have), are read as rows: a tile's value is every fourth
    // float, so one 16-float load serves four tiles. Gathering the 8 lanes value by
    // value was as costly as the products on VGG-16's 32x32 layers.
    let (firstRow, firstColumn) = firstTile.quotientAndRemainder(dividingBy: columns)
    let rowRun = count == 8 && firstColumn + 8 <= columns
    let twoRowRuns = count == 8 && columns == 4 && firstColumn == 0 && firstRow + 1 < Self.tileGrid(g).rows
    @inline(__always) func values(_ offset: Int) -> SIMD8<Float> {
      if rowRun {
        return SIMD8(lowHalf: Self.everyFourth(corners.0 + offset), highHalf: Self.everyFourth(corners.0 + offset + 16))
      }
      if twoRowRuns {
        return SIMD8(lowHalf: Self.everyFourth(corners.0 + offset), highHalf: Self.everyFourth(corners.4 + offset))
      }
      return Self.gather(corners, offset)
    }
    for channel in 0..<g.inChannels {
      let out = UnsafeMutableRawPointer(transformed + channel * Self.inputStride)
      // Rows first: each row of the window, transformed along its columns (d B), in
      // registers: through the output, whose 36 slots lie `stride` floats apart (2 or
      // 4 KiB for 64 or 128 channels, in one or two sets of the first-level cache), the
      // round trip made this transform as costly as the products.
      @inline(__always) func row(_ row: Int) -> Sextet<SIMD8<Float>> {
        let offset = channel * plane + row * extent.width
        return Self.inputTransform(
          values(offset), values(offset + 1), values(offset + 2), values(offset + 3), values(offset + 4),
          values(offset + 5))
      }
      let (r0, r1, r2, r3, r4, r5) = (row(0), row(1), row(2), row(3), row(4), row(5))
      // Then each column down the rows (Bᵀ (d B)), out to position `row · 6 + column`.
      @inline(__always) func store(column: Int, _ t: Sextet<SIMD8<Float>>) {
        let size = stride * MemoryLayout<Float>.size
        out.storeBytes(of: t.0, toByteOffset: column * size, as: SIMD8<Float>.self)
        out.storeBytes(of: t.1, toByteOffset: (6 + column) * size, as: SIMD8<Float>.self)
        out.storeBytes(of: t.2, toByteOffset: (12 + column) * size, as: SIMD8<Float>.self)
        out.storeBytes(of: t.3, toByteOffset: (18 + column) * size, as: SIMD8<Float>.self)
        out.storeBytes(of: t.4, toByteOffset: (24 + column) * size, as: SIMD8<Float>.self)
        out.storeBytes(of: t.5, toByteOffset: (30 + column) * size, as: SIMD8<Float>.self)
      }
      store(column: 0, Self.inputTransform(r0.0, r1.0, r2.0, r3.0, r4.0, r5.0))
      store(column: 1, Self.inputTransform(r0.1, r1.1, r2.1, r3.1, r4.1, r5.1))
      store(column: 2, Self.inputTransform(r0.2, r1.2, r2.2, r3.2, r4.2, r5.2))
      store(column: 3, Self.inputTransform(r0.3, r1.3, r2.3, r3.3, r4.3, r5.3))
      store(column: 4, Self.inputTransform(r0.4, r1.4, r2.4, r3.4, r4.4, r5.4))
      store(column: 5, Self.inputTransform(r0.5, r1.5, r2.5, r3.5, r4.5, r5.5))
    }
  }

  /// Every fourth of the 13 floats from `p` on (16 are read): one value each of four
  /// tiles side by side.
  ///
  /// The bytes are copied and the lanes picked by index, rather than with
  /// `loadUnaligned(as:)` and `evenHalf`: one more call of either generic member (this
  /// one, in a function nested in `transformInput`) made the package build leave it
  /// out of line in the direct row and pair kernels, 2.5x slower. LLVM emits one
  /// 64-byte load and one permutation all the same.
  @inline(__always)
  private static func everyFourth(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
    var values = SIMD16<Float>()
    withUnsafeMutableBytes(of: &values) { $0.copyMemory(from: UnsafeRawBufferPointer(start: p, count: 64)) }
    return SIMD4(values[0], values[4], values[8], values[12])
  }

  /// One value per tile: element `offset` from each tile's corner.
  @inline(__always)
  private static func gather(_ p: Octet<UnsafePointer<Float>>, _ offset: Int) -> SIMD8<Float> {
    SIMD8(p.0[offset], p.1[offset], p.2[offset], p.3[offset], p.4[offset], p.5[offset], p.6[offset], p.7[offset])
  }

  /// `Bᵀ x` for six values `x` along one side of the window.
  @inline(__always)
  static func inputTransform<V: SIMD>(_ x0: V, _ x1: V, _ x2: V, _ x3: V, _ x4: V, _ x5: V) -> (V, V, V, V, V, V)
  where V.Scalar == Float {
    let a = x4 - 4 * x2, b = x3 - 4 * x1  // shared by rows 1 and 2
    let c = x4 - x2, d = 2 * (x3 - x1)  // shared by rows 3 and 4
    return (4 * x0 - 5 * x2 + x4, a + b, a - b, c + d, c - d, 4 * x1 - 5 * x3 + x5)
  }

  /// `Aᵀ m` for six values `m` along one side of the transformed tile.
  @inline(__always)
  static func outputTransform<V: SIMD>(_ m0: V, _ m1: V, _ m2: V, _ m3: V, _ m4: V, _ m5: V) -> (V, V, V, V)
  where V.Scalar == Float {
    let sum12 = m1 + m2, difference12 = m1 - m2, sum34 = m3 + m4, difference34 = m3 - m4
    return (
      m0 + sum12 + sum34, difference12 + 2 * difference34, sum12 + 4 * sum34, difference12 + 8 * difference34 + m5
    )
  }

  /// The group's dot products over the input channels at one position ξ: `weights`
  /// is `[C]` vectors `layoutLanes` apart, `input` is `[C][inputStride]`.
  @inline(__always)
  private static func microKernel(weights: UnsafePointer<Float>, input: UnsafePointer<Float>, channels: Int) -> Sextet<
    Vector
  > {
    let zero = Vector(repeating: 0)
    var a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero
    var w = UnsafeRawPointer(weights), x = input
    for _ in 0..<channels {
      let vector = w.loadUnaligned(as: Vector.self)
      w += layoutLanes * MemoryLayout<Float>.size
      BlockedConv2D.multiplyAdd(&a0, vector, x[0])
      BlockedConv2D.multiplyAdd(&a1, vector, x[1])
      BlockedConv2D.multiplyAdd(&a2, vector, x[2])
      BlockedConv2D.multiplyAdd(&a3, vector, x[3])
      BlockedConv2D.multiplyAdd(&a4, vector, x[4])
      BlockedConv2D.multiplyAdd(&a5, vector, x[5])
      x += inputStride
    }
    return (a0, a1, a2, a3, a4, a5)
  }

  /// Stores one position's tile vectors at `destination` (`[tilesPerGroup][lanes]`):
  /// the one-block path's, whose groups have 6 tiles (without `multipliesPairs`).
  @inline(__always)
  private func storeProducts(_ sums: Sextet<Vector>, at destination: UnsafeMutablePointer<Float>) {
    let raw = UnsafeMutableRawPointer(destination), size = Self.lanes * MemoryLayout<Float>.size
    raw.storeBytes(of: sums.0, as: Vector.self)
    raw.storeBytes(of: sums.1, toByteOffset: size, as: Vector.self)
    raw.storeBytes(of: sums.2, toByteOffset: 2 * size, as: Vector.self)
    raw.storeBytes(of: sums.3, toByteOffset: 3 * size, as: Vector.self)
    raw.storeBytes(of: sums.4, toByteOffset: 4 * size, as: Vector.self)
    raw.storeBytes(of: sums.5, toByteOffset: 5 * size, as: Vector.self)
  }

  /// `Aᵀ M A` of the first `count` tiles of `products` (`[ξ][tilesPerGroup][lanes]`), plus bias and
  /// the activation, written to the output channels of `block` (clipped to the plane).
  func transformOutput(_ products: UnsafeMutablePointer<Float>, firstTile: Int, count: Int, block: Int) {
    let g = geometry
    let columns = Self.tileGrid(g).columns
    let firstChannel = block * Self.lanes  // blocks of `lanes` tile the channels in order
    let channels = min(Self.lanes, g.outChannels - firstChannel)
    var start = Vector(repeating: 0)
    if let bias { for lane in 0..<channels { start[lane] = bias[firstChannel + lane] } }
    let outPlane = g.outHeight * g.outWidth
    let raw = UnsafeMutableRawPointer(products)
    // Clamps (none, ReLU, ReLU6, clip) in registers; the others over the stored values.
    let clamp = Activation.clampBounds(activation)
    let bounds = clamp ?? (-.infinity, .infinity)
    for k in 0..<count {
      func offset(_ position: Int) -> Int {
        (position * Self.tilesPerGroup + k) * Self.lanes * MemoryLayout<Float>.size
      }
      // Down each column first (Aᵀ M), into rows 0...3 in place.
      for column in 0..<Self.window {
        func load(_ row: Int) -> Vector { raw.loadUnaligned(fromByteOffset: offset(row * 6 + column), as: Vector.self) }
        let s = Self.outputTransform(load(0), load(1), load(2), load(3), load(4), load(5))
        raw.storeBytes(of: s.0, toByteOffset: offset(column), as: Vector.self)
        raw.storeBytes(of: s.1, toByteOffset: offset(6 + column), as: Vector.self)
        raw.storeBytes(of: s.2, toByteOffset: offset(12 + column), as: Vector.self)
        raw.storeBytes(of: s.3, toByteOffset: offset(18 + column), as: Vector.self)
      }
      let (tileRow, tileColumn) = (firstTile + k).quotientAndRemainder(dividingBy: columns)
      let top = tileRow * Self.tile, left = tileColumn * Self.tile
      let width = min(Self.tile, g.outWidth - left), height = min(Self.tile, g.outHeight - top)
      // Then along each row ((Aᵀ M) A), plus bias and clamp.
      func outputRow(_ row: Int) -> (Vector, Vector, Vector, Vector) {
        func load(_ column: Int) -> Vector {
          raw.loadUnaligned(fromByteOffset: offset(row * 6 + column), as: Vector.self)
        }
        let y = Self.outputTransform(load(0), load(1), load(2), load(3), load(4), load(5))
        return (
          Activation.clamp(y.0 + start, bounds), Activation.clamp(y.1 + start, bounds),
          Activation.clamp(y.2 + start, bounds), Activation.clamp(y.3 + start, bounds)
        )
      }
      let corner = output + firstChannel * outPlane + top * g.outWidth + left
      #if SLIM_AVX512
        if width == Self.tile && height == Self.tile {
          storeTile((outputRow(0), outputRow(1), outputRow(2), outputRow(3)), at: corner, channels: channels)
          if clamp == nil {
            for row in 0..<Self.tile {
              applyActivation(at: corner + row * g.outWidth, channels: channels, count: Self.tile)
            }
          }
          continue
        }
      #endif
      for row in 0..<height {
        let y = outputRow(row)
        let pixel = corner + row * g.outWidth
        store(y.0, at: pixel, channels: channels, outPlane: outPlane)
        if width > 1 { store(y.1, at: pixel + 1, channels: channels, outPlane: outPlane) }
        if width > 2 { store(y.2, at: pixel + 2, channels: channels, outPlane: outPlane) }
        if width > 3 { store(y.3, at: pixel + 3, channels: channels, outPlane: outPlane) }
        if clamp == nil { applyActivation(at: pixel, channels: channels, count: width) }
      }
    }
  }

  #if SLIM_AVX512
    /// Stores a whole tile, 4 × 4 pixels × 16 channels (`rows`: per output row, per
    /// column, channels in lanes), at `corner` of the NCHW output: transposed in
    /// registers, then one 4-float row per channel and output row. Scattering the
    /// values one by one made 32x32 planes 2.4x slower than 28x28 ones: their
    /// channels lie 4 KiB apart, in one set of the first-level cache.
    @inline(__always)
    private func storeTile(
      _ rows: (
        (Vector, Vector, Vector, Vector), (Vector, Vector, Vector, Vector), (Vector, Vector, Vector, Vector),
        (Vector, Vector, Vector, Vector)
      ), at corner: UnsafeMutablePointer<Float>, channels: Int
    ) {
      let (r0, r1, r2, r3) = rows
      var pixels = Vector.transposed(
        (r0.0, r0.1, r0.2, r0.3, r1.0, r1.1, r1.2, r1.3, r2.0, r2.1, r2.2, r2.3, r3.0, r3.1, r3.2, r3.3))
      let outPlane = geometry.outHeight * geometry.outWidth
      let rowBytes = geometry.outWidth * MemoryLayout<Float>.size
      withUnsafePointer(to: &pixels) {
        $0.withMemoryRebound(to: Vector.self, capacity: Self.lanes) { perChannel in
          for lane in 0..<channels {
            let values = perChannel[lane], out = UnsafeMutableRawPointer(corner + lane * outPlane)
            out.storeBytes(of: values.lowHalf.lowHalf, as: SIMD4<Float>.self)
            out.storeBytes(of: values.lowHalf.highHalf, toByteOffset: rowBytes, as: SIMD4<Float>.self)
            out.storeBytes(of: values.highHalf.lowHalf, toByteOffset: 2 * rowBytes, as: SIMD4<Float>.self)
            out.storeBytes(of: values.highHalf.highHalf, toByteOffset: 3 * rowBytes, as: SIMD4<Float>.self)
          }
        }
      }
    }
  #endif

  /// Applies an activation that is not a clamp to `count` stored outputs of `channels`
  /// channels from `pixel` on. Out of line, so that the switch over every activation
  /// stays out of the tile loop.
  @inline(never)
  private func applyActivation(at pixel: UnsafeMutablePointer<Float>, channels: Int, count: Int) {
    let outPlane = geometry.outHeight * geometry.outWidth
    for lane in 0..<channels { Activation.apply(activation, inPlace: pixel + lane * outPlane, count: count) }
  }

  /// Scatters one pixel's `channels` lanes into the NCHW output.
  @inline(__always)
  private func store(_ value: Vector, at pixel: UnsafeMutablePointer<Float>, channels: Int, outPlane: Int) {
    for lane in 0..<channels { pixel[lane * outPlane] = value[lane] }
  }
}
