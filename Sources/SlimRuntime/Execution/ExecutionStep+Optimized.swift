// Hosted builds only (see the fast-path cases of `ExecutionStep`).
#if !hasFeature(Embedded)
  extension ExecutionStep {
    /// Multiply-adds below which a split step runs on the caller's thread alone: about
    /// 10 µs of convolution, several times what handing a step to the pool costs.
    static let defaultMinimumSplitWork = 1 << 18

    /// Multiply-adds of a splittable step (0 for the others), the measure of whether
    /// splitting it pays.
    var splitWork: Int {
      func macs(_ g: Conv2D.Geometry) -> Int {
        g.outChannels * g.outHeight * g.outWidth * (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth
      }
      switch self {
      case .blockedConv2d(let conv): return macs(conv.geometry)
      case .winogradConv2d(let conv): return macs(conv.geometry)
      case .blockedConv2dInt8(let conv): return macs(conv.geometry)
      case .depthwiseConv2d(let conv): return macs(conv.geometry)
      case .wideDepthwiseConv2d(let conv): return macs(conv.geometry)
      case .depthwiseConv2dInt8(let conv): return macs(conv.geometry)
      case .wideDepthwiseConv2dInt8(let conv): return macs(conv.geometry)
      case .byteDotDepthwiseConv2dInt8(let conv): return macs(conv.geometry)
      case .byteDotStemConv2dInt8(let conv): return macs(conv.geometry)
      case .linearInt8SIMD(let operands): return operands.inFeatures * operands.outFeatures
      case .linearSIMD(let inFeatures, let outFeatures, _, _, _, _, _): return inFeatures * outFeatures
      // Always split, by rows as the convolutions around it are: left whole on the
      // caller's thread, it read the half of its input the other core had just written
      // (PreResNet-164's 18 at 64x32x32: 101 µs on one thread, 362–368 on the caller of
      // two, `slim-report --measure`); split, the whole run took 0.925–0.96 of its time
      // on two threads (12 alternated rounds, twice).
      case .channelAffine: return .max
      case .channelAffineInt8(let affine): return affine.channels * affine.plane
      case .int8(.scaleShift(let kernel)): return kernel.channels * kernel.plane
      case .maxPool2x2(let g, _, _, _): return g.channels * g.inHeight * g.inWidth
      case .maxPool2x2Int8(let g, _, _): return g.channels * g.inHeight * g.inWidth
      default: return 0
      }
    }

    /// Whether `execute(part:of:)` splits this step's work; other steps run whole on part 0.
    var isSplittable: Bool {
      switch self {
      case .blockedConv2d, .winogradConv2d, .blockedConv2dInt8, .depthwiseConv2d, .wideDepthwiseConv2d,
        .depthwiseConv2dInt8, .wideDepthwiseConv2dInt8, .byteDotDepthwiseConv2dInt8, .byteDotStemConv2dInt8,
        .linearSIMD, .linearInt8SIMD, .channelAffine, .channelAffineInt8, .maxPool2x2, .maxPool2x2Int8,
        .int8(.scaleShift):
        return true
      default: return false
      }
    }

    /// Runs part `part` of `parts` of this step: for splittable steps a disjoint
    /// share of the output channels or rows, for the others everything on part 0 and
    /// nothing elsewhere. With one part it prepares itself; otherwise every part of
    /// every phase of `prepare(phase:part:of:)` must have finished first (`WorkerPool.run`
    /// waits for them).
    /// Precondition: `0 <= part < parts`. No allocation.
    func execute(part: Int, of parts: Int) {
      if parts == 1 { prepare() }
      switch self {
      case .blockedConv2d(let conv):
        let g = conv.geometry
        let kernel = BlockedConv2D.preferredKernel(g)
        let items = conv.itemCount(kernel)
        let splitRows = conv.splitsByRows(parts: parts)
        let cut: (items: Range<Int>, rows: Range<Int>)
        if kernel != .pointwise {
          cut = Self.cut(part, of: parts, items: items, rows: g.outHeight, byRows: splitRows)
        } else if splitRows {
          // Never `cut`'s fallback to rows: a part's rows must hold a whole micro-kernel
          // call, which `splitsByRows` checks.
          cut = (0..<items, Self.share(part, of: parts, count: g.outHeight))
        } else {
          cut = (Self.share(part, of: parts, count: items), 0..<g.outHeight)
        }
        conv.run(kernel, items: cut.items, rows: cut.rows)
      case .winogradConv2d(let conv):
        // Parts share whole micro-kernel calls (pairs of blocks with `multipliesPairs`).
        if conv.sharesTransformedInput(parts: parts) {
          conv.runTransformed(
            blocks: conv.blocks(ofCalls: Self.share(part, of: parts, count: conv.callCount)), part: part)
          return
        }
        let cut = Self.cut(
          part, of: parts, items: conv.callCount, rows: conv.groupCount, byRows: conv.splitsByTiles(parts: parts))
        conv.run(blocks: conv.blocks(ofCalls: cut.items), groups: cut.rows, part: part)
      case .blockedConv2dInt8(let conv):
        let g = conv.geometry
        let splitRows = conv.splitsByRows(parts: parts)
        if conv.usesPointwise {
          // As for float: a part's rows must hold a whole micro-kernel call.
          if splitRows {
            conv.runPointwise(items: 0..<conv.pointItemCount, rows: Self.share(part, of: parts, count: g.outHeight))
          } else {
            conv.runPointwise(items: Self.share(part, of: parts, count: conv.pointItemCount), rows: 0..<g.outHeight)
          }
          return
        }
        if conv.usesWideBlocks {
          let cut = Self.cut(part, of: parts, items: conv.wideItemCount, rows: g.outHeight, byRows: splitRows)
          conv.runWide(items: cut.items, rows: cut.rows)
          return
        }
        let cut = Self.cut(part, of: parts, items: conv.blockCount, rows: g.outHeight, byRows: splitRows)
        conv.run(blocks: cut.items, rows: cut.rows)
      case .depthwiseConv2d(let conv):
        let cut = Self.depthwiseCut(part, of: parts, conv.geometry)
        conv.run(channels: cut.items, rows: cut.rows, part: part)
      case .wideDepthwiseConv2d(let conv):
        let cut = Self.depthwiseCut(part, of: parts, conv.geometry)
        conv.run(channels: cut.items, rows: cut.rows, part: part)
      case .depthwiseConv2dInt8(let conv):
        let cut = Self.depthwiseCut(part, of: parts, conv.geometry)
        conv.run(channels: cut.items, rows: cut.rows, part: part)
      case .wideDepthwiseConv2dInt8(let conv):
        let cut = Self.depthwiseCut(part, of: parts, conv.geometry)
        conv.run(channels: cut.items, rows: cut.rows, part: part)
      case .byteDotDepthwiseConv2dInt8(let conv):
        let cut = Self.depthwiseCut(part, of: parts, conv.geometry)
        conv.run(channels: cut.items, rows: cut.rows, part: part)
      case .byteDotStemConv2dInt8(let conv):
        // By rows where there are enough: each output row's quads serve all its channels.
        let cut = Self.depthwiseCut(part, of: parts, conv.geometry)
        conv.run(channels: cut.items, rows: cut.rows, part: part)
      case .channelAffine(let affine) where affine.height >= 2 * parts:
        affine.run(channels: 0..<affine.channels, rows: Self.share(part, of: parts, count: affine.height))
      case .channelAffine(let affine):
        affine.run(channels: Self.share(part, of: parts, count: affine.channels))
      case .channelAffineInt8(let affine):
        affine.run(channels: Self.share(part, of: parts, count: affine.channels))
      case .int8(.scaleShift(let kernel)):
        kernel.run(channels: Self.share(part, of: parts, count: kernel.channels))
      case .maxPool2x2(let g, let input, let output, let activation):
        Pool2D.runMax2x2(
          g, channels: Self.share(part, of: parts, count: g.channels), input: input, output: output,
          activation: activation)
      case .maxPool2x2Int8(let g, let input, let output):
        PoolInt8.runMax2x2(g, channels: Self.share(part, of: parts, count: g.channels), input: input, output: output)
      case .linearInt8SIMD(let operands):
        let rows = Self.share(part, of: parts, count: operands.outFeatures)
        if LinearInt8.prefersByteDot {
          LinearInt8.runByteDot(operands, rows: rows)
        } else {
          LinearInt8.runSIMD(operands, rows: rows)
        }
      case .linearSIMD(let inFeatures, let outFeatures, let input, let weight, let bias, let output, let activation):
        Linear.runSIMD(
          inFeatures: inFeatures, rows: Self.share(part, of: parts, count: outFeatures), input: input,
          weight: weight, bias: bias, output: output, activation: activation)
      default:
        if part == 0 { execute() }
      }
    }

    /// Phases of set-up (`prepare(phase:part:of:)`) that must each finish, on every
    /// part, before the next phase or any part computes: the padded input copy of a
    /// convolution, then for a Winograd layer whose parts split the output channels
    /// the transformed input they all read. O(1).
    func preparationPhases(parts: Int) -> Int {
      switch self {
      case .blockedConv2d(let conv): return conv.padded != nil ? 1 : 0
      case .winogradConv2d(let conv): return conv.sharesTransformedInput(parts: parts) ? 2 : 1
      case .blockedConv2dInt8: return 1
      default: return 0
      }
    }

    /// All of the set-up on the calling thread.
    func prepare() {
      for phase in 0..<preparationPhases(parts: 1) { prepare(phase: phase, part: 0, of: 1) }
    }

    /// Part `part` of `parts` of set-up phase `phase`. Phase 0: a share of the padded
    /// input's rows, across all channels, so that each thread copies roughly the rows
    /// it then reads. Phase 1 (Winograd): a share of the tile groups' input transforms.
    /// Cost: that of the copy or transform, divided among the parts.
    func prepare(phase: Int, part: Int, of parts: Int) {
      switch self {
      case .blockedConv2d(let conv):
        conv.preparePaddedInput(rows: Self.share(part, of: parts, count: PaddedInput.paddedRows(conv.geometry)))
      case .winogradConv2d(let conv) where phase == 0:
        conv.preparePaddedInput(
          rows: Self.share(part, of: parts, count: WinogradConv2D.paddedExtent(conv.geometry).height))
      case .winogradConv2d(let conv):
        conv.transformInput(groups: Self.share(part, of: parts, count: conv.groupCount))
      case .blockedConv2dInt8(let conv):
        conv.prepareInput(rows: Self.share(part, of: parts, count: PaddedInput.paddedRows(conv.geometry)))
      default: break
      }
    }

    /// A depthwise convolution's part: output rows where there are enough of them (each
    /// thread then reads the input rows it copied), else channels.
    static func depthwiseCut(_ part: Int, of parts: Int, _ g: Conv2D.Geometry) -> (
      items: Range<Int>, rows: Range<Int>
    ) {
      cut(part, of: parts, items: g.outChannels, rows: g.outHeight, byRows: g.outHeight >= 2 * parts)
    }

    /// Part `part` of `0..<count` cut into `parts` nearly equal ranges.
    static func share(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
      (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// Part `part` of a convolution's `items` channel work items × `rows` output rows.
    /// With `byRows` (and at least one row per part), a share of the rows with every
    /// item. Otherwise a share of the items when they divide evenly enough among the
    /// parts, else of the rows (a 16-channel layer is one item, which would leave all
    /// but one thread idle). The parts tile the whole grid without overlap. O(1).
    static func cut(_ part: Int, of parts: Int, items: Int, rows: Int, byRows: Bool = false) -> (
      items: Range<Int>, rows: Range<Int>
    ) {
      if rows >= parts && (byRows || !(items % parts == 0 || items >= 4 * parts)) {
        return (0..<items, share(part, of: parts, count: rows))
      }
      return (share(part, of: parts, count: items), 0..<rows)
    }

    /// The fast-path step for operator `index`, or nil when it has none. Takes
    /// its packed weights and padded-input scratch from `workspace`.
    init?(
      optimizing model: SlimModel, operator index: Int, arena: UnsafeMutablePointer<Float>, workspace: inout Workspace
    ) {
      let plain = ExecutionStep(model: model, operator: index, arena: arena)
      switch plain {
      case .pool2d(let g, let input, let output, let activation) where Pool2D.isMax2x2(g):
        self = .maxPool2x2(g, input: input, output: output, activation: activation)
      case .int8(.pool2d(let g, let input, let output)) where Pool2D.isMax2x2(g):
        self = .maxPool2x2Int8(g, input: input, output: output)
      case .conv2d(let g, let input, let weight, let bias, let output, let activation) where ChannelAffine.isEligible(g):
        self = .channelAffine(
          ChannelAffine(
            channels: g.outChannels, plane: g.outHeight * g.outWidth, width: g.outWidth, input: input,
            scale: weight, bias: bias, output: output, activation: activation))
      case .conv2d(let g, _, _, _, _, _)
      where NarrowFloatDepthwiseConv2D.isEligible(g)
        && !NarrowFloatDepthwiseConv2D.beatsPlainFloatKernel(g):
        return nil
      case .conv2d(let g, let input, let weight, let bias, let output, let activation)
      where NarrowFloatDepthwiseConv2D.isEligible(g):
        func epilogue<Lane>() -> FloatDepthwiseEpilogue<Lane> {
          FloatDepthwiseEpilogue(
            biases: bias, output: output, outPlane: g.outHeight * g.outWidth, activation: activation)
        }
        if WideFloatDepthwiseConv2D.prefersWideLanes(g) {
          self = .wideDepthwiseConv2d(
            DepthwiseConv2D(
              geometry: g, input: input, scratch: workspace.scratch, weights: weight, epilogue: epilogue()))
        } else {
          self = .depthwiseConv2d(
            DepthwiseConv2D(
              geometry: g, input: input, scratch: workspace.scratch, weights: weight, epilogue: epilogue()))
        }
      case .int8(.conv2d(let g, let stage, let input, let weight, let bias, let multiplier, let shift, let output))
      where ChannelAffineInt8.isEligible(g):
        self = .channelAffineInt8(
          ChannelAffineInt8(
            channels: g.outChannels, plane: g.outHeight * g.outWidth, stage: stage, input: input, scale: weight,
            bias: bias, multiplier: multiplier, shift: shift, output: output))
      case .int8(.conv2d(let g, let stage, let input, let weight, let bias, let multiplier, let shift, let output))
      where ByteDotDepthwiseConv2D.isPreferred(g):
        let taps = workspace.int8Bias.take(ByteDotDepthwiseConv2D.tapsCount(g))
        ByteQuads.prepareTaps(
          weights: weight, biases: bias, channels: g.outChannels, rowsPerChannel: 3,
          inputZeroPoint: stage.inputZeroPoint, into: taps)
        self = .byteDotDepthwiseConv2dInt8(
          ByteDotDepthwiseConv2D(
            geometry: g, stage: stage, input: input, scratch: workspace.scratch, taps: taps, multiplier: multiplier,
            shift: shift, output: output))
      case .int8(.conv2d(let g, let stage, let input, let weight, let bias, let multiplier, let shift, let output))
      where NarrowInt8DepthwiseConv2D.isEligible(g) && Int8DepthwiseEpilogue<SIMD8<Float>>.sumsAreExact(g):
        func epilogue<Lane>() -> Int8DepthwiseEpilogue<Lane> {
          Int8DepthwiseEpilogue(
            stage: stage, biases: bias, multiplier: multiplier, shift: shift, output: output,
            outPlane: g.outHeight * g.outWidth)
        }
        if WideInt8DepthwiseConv2D.prefersWideInt8Lanes(g) {
          self = .wideDepthwiseConv2dInt8(
            DepthwiseConv2D(
              geometry: g, input: input, scratch: workspace.scratch, weights: weight, epilogue: epilogue()))
        } else {
          self = .depthwiseConv2dInt8(
            DepthwiseConv2D(
              geometry: g, input: input, scratch: workspace.scratch, weights: weight, epilogue: epilogue()))
        }
      case .conv2d(let g, let input, let weight, let bias, let output, let activation)
      where WinogradConv2D.isPreferred(g):
        let transformed = workspace.weights.stored(
          model.winogradWeights(ofOperator: index), count: WinogradConv2D.transformedCount(g)
        ) { WinogradConv2D.transform(g, weight: weight, into: $0) }
        self = .winogradConv2d(
          WinogradConv2D(
            geometry: g, input: input, padded: workspace.scratch, weights: transformed, bias: bias, output: output,
            activation: activation, scratch: workspace.winogradScratch, sharedInput: workspace.winogradInput))
      case .conv2d(let g, let input, let weight, let bias, let output, let activation):
        guard BlockedConv2D.isEligible(g) else { return nil }
        let packed = workspace.weights.stored(
          model.packedWeights(ofOperator: index), count: BlockedConv2D.packedCount(g)
        ) { BlockedConv2D.pack(g, weight: weight, into: $0) }
        let scratchCount = BlockedConv2D.paddedCount(g)
        let fusion = Self.residualFusion(model, convolution: index, arena: arena)
        var conv = BlockedConv2D(
          geometry: g, input: input, padded: scratchCount > 0 ? workspace.scratch : nil, weights: packed, bias: bias,
          output: fusion?.output ?? output, activation: fusion?.activation ?? activation)
        conv.residual = fusion?.residual
        self = .blockedConv2d(conv)
      case .elementwise where Self.residualFusion(model, convolution: index - 1, arena: arena) != nil:
        self = .residualAdded
      case .linear(let inFeatures, let outFeatures, let input, let weight, let bias, let output, let activation):
        self = .linearSIMD(
          inFeatures: inFeatures, outFeatures: outFeatures, input: input, weight: weight, bias: bias, output: output,
          activation: activation)
      case .int8(.conv2d(let g, let stage, let input, let weight, let bias, let multiplier, let shift, let output))
      where ByteDotStemConv2D.isPreferred(g):
        let taps = workspace.int8Bias.take(ByteDotStemConv2D.tapsCount(g))
        ByteQuads.prepareTaps(
          weights: weight, biases: bias, channels: g.outChannels, rowsPerChannel: ByteDotStemConv2D.quadRows(g),
          inputZeroPoint: stage.inputZeroPoint, into: taps)
        self = .byteDotStemConv2dInt8(
          ByteDotStemConv2D(
            geometry: g, stage: stage, input: input, scratch: workspace.scratch, taps: taps, multiplier: multiplier,
            shift: shift, output: output))
      case .int8(.conv2d(let g, let stage, let input, let weight, let bias, let multiplier, let shift, let output)):
        guard BlockedConv2DInt8.isEligible(g) else { return nil }
        let packing = Self.int8Packing(model, index, g)
        let stored: (weights: UnsafePointer<Int8>, sums: UnsafeRawPointer?)? =
          switch packing {
          case .pairs: model.int8PackedWeights(ofOperator: index).map { ($0, nil) }
          case .quads: model.int8QuadWeights(ofOperator: index).map { ($0.weights, $0.sums) }
          }
        let packed = workspace.int8Weights.stored(stored?.weights, count: BlockedConv2DInt8.packedCount(g, packing)) {
          BlockedConv2DInt8.pack(g, packing, weight: weight, into: $0)
        }
        var startBias = bias
        if packing == .quads {
          let corrected = workspace.int8Bias.take(g.outChannels)
          // Without stored sums, they are computed into the corrected bias's place first.
          let sums = stored?.sums ?? UnsafeRawPointer(corrected)
          if stored?.sums == nil { BlockedConv2DInt8.weightSums(g, weight: weight, into: corrected) }
          BlockedConv2DInt8.correctedBias(
            g, bias: bias, weightSums: sums, inputZeroPoint: stage.inputZeroPoint, into: corrected)
          startBias = UnsafeRawPointer(corrected)
        }
        self = .blockedConv2dInt8(
          BlockedConv2DInt8(
            geometry: g, packing: packing, stage: stage, input: input, scratch: workspace.int8Scratch,
            weights: packed, bias: startBias, multiplier: multiplier, shift: shift, output: output))
      case .int8(
        .linear(
          let inFeatures, let outFeatures, let stage, let input, let weight, let bias, let multiplier, let shift,
          let output)):
        self = .linearInt8SIMD(
          .init(
            inFeatures: inFeatures, outFeatures: outFeatures, stage: stage, input: input, weight: weight, bias: bias,
            multiplier: multiplier, shift: shift, output: output))
      default:
        return nil
      }
    }

    /// The packing a session runs int8 convolution `index` (geometry `g`) with: the
    /// build's preferred one (`BlockedConv2DInt8.preferredPacking`) unless the file
    /// stores only the other (`PKI8` holds `pairs`, `PKQ8` `quads`), which is then
    /// used in place rather than repacking. O(1).
    static func int8Packing(_ model: SlimModel, _ index: Int, _ g: Conv2D.Geometry) -> BlockedConv2DInt8.Packing {
      let preferred = BlockedConv2DInt8.preferredPacking(g)
      let storesPairs = model.int8PackedWeightOffsets[index] != nil
      let storesQuads = model.int8QuadWeightOffsets[index] != nil
      switch preferred {
      case .pairs: return !storesPairs && storesQuads ? .quads : .pairs
      case .quads: return !storesQuads && storesPairs ? .pairs : .quads
      }
    }

    /// Memory the fast paths need beyond the arena: packed weights (one region
    /// per convolution), one input scratch per element type, shared by all
    /// convolutions (they run one at a time), and Winograd's per-part scratch and
    /// shared transformed input.
    struct Workspace {
      var weights: Bump<Float>
      let scratch: UnsafeMutablePointer<Float>
      var int8Weights: Bump<Int8>
      /// The `quads` int8 convolutions' corrected biases (`BlockedConv2DInt8.correctedBias`),
      /// and the byte-dot kernels' taps with theirs (`ByteQuads.prepareTaps`).
      var int8Bias: Bump<Int32>
      let int8Scratch: UnsafeMutablePointer<Int32>
      /// `parts` slices of `WinogradConv2D.scratchCount` of the largest Winograd layer.
      let winogradScratch: UnsafeMutablePointer<Float>
      /// The transformed input of the largest Winograd layer whose parts share one
      /// (`WinogradConv2D.sharedInputCount`).
      let winogradInput: UnsafeMutablePointer<Float>

      /// Element counts of the regions.
      struct Sizes {
        var weights = 0, scratch = 0, int8Weights = 0, int8Bias = 0, int8Scratch = 0, winogradScratch = 0
        var winogradInput = 0

        /// Bytes of one allocation holding the regions in order, each starting 64-aligned.
        var byteCount: Int {
          Self.rounded(4 * weights) + Self.rounded(4 * scratch) + Self.rounded(int8Weights)
            + Self.rounded(4 * int8Bias) + Self.rounded(4 * int8Scratch) + Self.rounded(4 * winogradScratch) + 4
            * winogradInput
        }

        static func rounded(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }
      }

      /// What `model`'s fast paths need when steps run in `parts` parts or fewer (a pool
      /// may start fewer threads than asked for). O(operators · parts).
      static func sizes(for model: SlimModel, parts: Int) -> Sizes {
        var sizes = Sizes()
        for (index, geometry) in model.geometries.enumerated() {
          switch geometry {
          case .conv2d(let g) where WinogradConv2D.isPreferred(g):
            // Transformed at session creation unless the file's `WINO` section has them.
            if model.winogradWeightOffsets[index] == nil {
              sizes.weights += (WinogradConv2D.transformedCount(g) + 15) / 16 * 16
            }
            sizes.scratch = max(sizes.scratch, WinogradConv2D.paddedCount(g))
            sizes.winogradScratch = max(sizes.winogradScratch, parts * WinogradConv2D.scratchCount(g))
            for p in 1...max(1, parts) {
              sizes.winogradInput = max(sizes.winogradInput, WinogradConv2D.sharedInputCount(g, parts: p))
            }
          case .conv2d(let g) where model.packedWeightOffsets[index] != nil:
            // Weights used in place from the file's `PACK` section; only the scratch is needed.
            sizes.scratch = max(sizes.scratch, BlockedConv2D.paddedCount(g))
          case .conv2d(let g) where ChannelAffine.isEligible(g):
            continue  // reads the input in place
          case .conv2d(let g) where NarrowFloatDepthwiseConv2D.isEligible(g):
            guard NarrowFloatDepthwiseConv2D.beatsPlainFloatKernel(g) else { continue }
            // The wide lanes' slack is the larger; either kernel fits.
            sizes.scratch = max(sizes.scratch, parts * WideFloatDepthwiseConv2D.scratchCount(g))
          case .int8(.conv2d(let g, _)) where ChannelAffineInt8.isEligible(g):
            continue  // reads the input in place
          case .int8(.conv2d(let g, _)) where ByteDotDepthwiseConv2D.isPreferred(g):
            sizes.scratch = max(sizes.scratch, parts * ByteDotDepthwiseConv2D.scratchCount(g))
            sizes.int8Bias += (ByteDotDepthwiseConv2D.tapsCount(g) + 15) / 16 * 16
          case .int8(.conv2d(let g, _))
          where NarrowInt8DepthwiseConv2D.isEligible(g) && Int8DepthwiseEpilogue<SIMD8<Float>>.sumsAreExact(g):
            // Float bands, and for the narrow kernel its sums (`defersRequantization`).
            let scratch =
              WideInt8DepthwiseConv2D.prefersWideInt8Lanes(g)
              ? WideInt8DepthwiseConv2D.scratchCount(g) : NarrowInt8DepthwiseConv2D.scratchCount(g)
            sizes.scratch = max(sizes.scratch, parts * scratch)
          case .conv2d(let g) where BlockedConv2D.isEligible(g):
            // Each region rounded up to 64 bytes keeps every packed block 64-byte aligned.
            sizes.weights += (BlockedConv2D.packedCount(g) + 15) / 16 * 16
            sizes.scratch = max(sizes.scratch, BlockedConv2D.paddedCount(g))
          case .int8(.conv2d(let g, _)) where ByteDotStemConv2D.isPreferred(g):
            sizes.scratch = max(sizes.scratch, parts * ByteDotStemConv2D.scratchCount(g))
            sizes.int8Bias += (ByteDotStemConv2D.tapsCount(g) + 15) / 16 * 16
          case .int8(.conv2d(let g, _)) where BlockedConv2DInt8.isEligible(g):
            let packing = ExecutionStep.int8Packing(model, index, g)
            let stored =
              packing == .pairs
              ? model.int8PackedWeightOffsets[index] != nil : model.int8QuadWeightOffsets[index] != nil
            // Weights stored in the file's `PKI8` or `PKQ8` section are used in place.
            if !stored { sizes.int8Weights += (BlockedConv2DInt8.packedCount(g, packing) + 63) / 64 * 64 }
            if packing == .quads { sizes.int8Bias += (g.outChannels + 15) / 16 * 16 }
            sizes.int8Scratch = max(sizes.int8Scratch, BlockedConv2DInt8.scratchCount(g, packing))
          default:
            continue
          }
        }
        return sizes
      }

      /// Carves `memory` (at least `sizes.byteCount` bytes, 64-aligned) into the regions.
      init(memory: UnsafeMutableRawPointer, sizes: Sizes) {
        var next = memory
        func region<T>(_ count: Int, _ type: T.Type) -> UnsafeMutablePointer<T> {
          defer { next += Sizes.rounded(count * MemoryLayout<T>.stride) }
          return next.bindMemory(to: T.self, capacity: count)
        }
        weights = Bump(next: region(sizes.weights, Float.self))
        scratch = region(sizes.scratch, Float.self)
        int8Weights = Bump(next: region(sizes.int8Weights, Int8.self))
        int8Bias = Bump(next: region(sizes.int8Bias, Int32.self))
        int8Scratch = region(sizes.int8Scratch, Int32.self)
        winogradScratch = region(sizes.winogradScratch, Float.self)
        winogradInput = region(sizes.winogradInput, Float.self)
      }
    }

    /// Hands out consecutive 64-byte-aligned regions of one allocation.
    struct Bump<Element> {
      var next: UnsafeMutablePointer<Element>
      /// Returns `count` elements and advances. Precondition: the allocation has room
      /// (sized by `Workspace.sizes`).
      mutating func take(_ count: Int) -> UnsafeMutablePointer<Element> {
        let perLine = 64 / MemoryLayout<Element>.stride
        defer { next += (count + perLine - 1) / perLine * perLine }
        return next
      }

      /// A kernel's weights: `stored` (from the file, used in place) when there, else
      /// `count` elements taken here and written by `fill`.
      mutating func stored(
        _ stored: UnsafePointer<Element>?, count: Int, fill: (UnsafeMutablePointer<Element>) -> Void
      ) -> UnsafePointer<Element> {
        if let stored { return stored }
        let region = take(count)
        fill(region)
        return UnsafePointer(region)
      }
    }
  }
#endif
