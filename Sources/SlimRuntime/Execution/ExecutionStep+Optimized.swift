// Hosted builds only (see the fast-path cases of `ExecutionStep`).
#if !hasFeature(Embedded)
  extension ExecutionStep {
    /// Whether `execute(part:of:)` splits this step's work; other steps run whole on part 0.
    var isSplittable: Bool {
      switch self {
      case .blockedConv2d, .linearSIMD: return true
      default: return false
      }
    }

    /// Runs part `part` of `parts` of this step: for splittable steps a disjoint
    /// share of the output channels, for the others everything on part 0 and
    /// nothing elsewhere. Precondition: `0 <= part < parts`; a step whose parts
    /// run concurrently must have run `prepare()` first. No allocation.
    func execute(part: Int, of parts: Int) {
      switch self {
      case .blockedConv2d(let conv):
        if part == 0 && parts == 1 { conv.preparePaddedInput() }
        conv.run(blocks: Self.share(part, of: parts, count: conv.blockCount))
      case .linearSIMD(let inFeatures, let outFeatures, let input, let weight, let bias, let output, let activation):
        Linear.runSIMD(
          inFeatures: inFeatures, rows: Self.share(part, of: parts, count: outFeatures), input: input,
          weight: weight, bias: bias, output: output, activation: activation)
      default:
        if part == 0 { execute() }
      }
    }

    /// The serial set-up a split step needs before its parts run (the padded
    /// input copy of a convolution). Cost: that of the copy.
    func prepare() {
      if case .blockedConv2d(let conv) = self { conv.preparePaddedInput() }
    }

    /// Part `part` of `0..<count` cut into `parts` nearly equal ranges.
    static func share(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
      (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// The fast-path step for operator `index`, or nil when it has none. Takes
    /// its packed weights and padded-input scratch from `workspace`.
    init?(
      optimizing model: SlimModel, operator index: Int, arena: UnsafeMutablePointer<Float>, workspace: inout Workspace
    ) {
      let plain = ExecutionStep(model: model, operator: index, arena: arena)
      switch plain {
      case .conv2d(let g, let input, let weight, let bias, let output, let activation):
        guard BlockedConv2D.isEligible(g) else { return nil }
        let packed = workspace.weights.take(BlockedConv2D.packedCount(g))
        BlockedConv2D.pack(g, weight: weight, into: packed)
        let scratchCount = BlockedConv2D.paddedCount(g)
        self = .blockedConv2d(
          BlockedConv2D(
            geometry: g, input: input, padded: scratchCount > 0 ? workspace.scratch : nil, weights: packed, bias: bias,
            output: output, activation: activation))
      case .linear(let inFeatures, let outFeatures, let input, let weight, let bias, let output, let activation):
        self = .linearSIMD(
          inFeatures: inFeatures, outFeatures: outFeatures, input: input, weight: weight, bias: bias, output: output,
          activation: activation)
      default:
        return nil
      }
    }

    /// Memory the fast paths need beyond the arena: packed weights (one region
    /// per convolution) and one padded-input scratch shared by all
    /// convolutions (they run one at a time).
    struct Workspace {
      var weights: Bump
      let scratch: UnsafeMutablePointer<Float>

      /// Floats needed for `model`'s fast paths: (packed weights, scratch). O(operators).
      static func sizes(for model: SlimModel) -> (weights: Int, scratch: Int) {
        var weights = 0, scratch = 0
        for geometry in model.geometries {
          guard case .conv2d(let g) = geometry, BlockedConv2D.isEligible(g) else { continue }
          // Each region rounded up to 16 floats keeps every packed block 64-byte aligned.
          weights += (BlockedConv2D.packedCount(g) + 15) / 16 * 16
          scratch = max(scratch, BlockedConv2D.paddedCount(g))
        }
        return (weights, scratch)
      }
    }

    /// Hands out consecutive 64-byte-aligned regions of one allocation.
    struct Bump {
      var next: UnsafeMutablePointer<Float>
      /// Returns `count` floats and advances. Precondition: the allocation has room
      /// (sized by `Workspace.sizes`).
      mutating func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        defer { next += (count + 15) / 16 * 16 }
        return next
      }
    }
  }
#endif
