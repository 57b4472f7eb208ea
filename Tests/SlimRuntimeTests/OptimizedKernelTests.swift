import Testing

@testable import SlimRuntime

// Every fast kernel against the plain kernel it replaces (relative 1e-4 of
// the largest reference value, as the project compares fp32 results).

/// Random convolution shapes: odd sizes, groups, stride 2, asymmetric padding,
/// dilation, tails of the 16-channel blocks and of the 4-pixel blocks.
let blockedConvCases: [ConvCase] = {
  var rng = SeededRandom(seed: 2024)
  var cases: [ConvCase] = [
    ConvCase(c: 3, h: 32, w: 32, o: 64, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .relu),
    ConvCase(c: 64, h: 4, w: 4, o: 48, kh: 3, kw: 3, pads: (1, 1, 1, 1)),
    ConvCase(c: 32, h: 2, w: 2, o: 40, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .relu6),
    ConvCase(c: 16, h: 7, w: 9, o: 24, kh: 1, kw: 1, bias: false),
    ConvCase(c: 12, h: 9, w: 11, o: 20, kh: 1, kw: 1, stride: (2, 2)),
    ConvCase(c: 8, h: 13, w: 7, o: 17, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1)),
    ConvCase(c: 12, h: 10, w: 9, o: 24, kh: 3, kw: 3, stride: (2, 1), pads: (0, 1, 2, 1), groups: 3),
    ConvCase(c: 6, h: 11, w: 8, o: 18, kh: 5, kw: 3, stride: (1, 2), pads: (2, 0, 1, 1), dilation: (1, 2), groups: 2),
    ConvCase(c: 5, h: 1, w: 1, o: 9, kh: 1, kw: 1),
    // Pointwise kernel: groups with a channel tail, a plane of exactly one native call (24).
    ConvCase(c: 20, h: 5, w: 5, o: 18, kh: 1, kw: 1, groups: 2, activation: .relu6),
    ConvCase(c: 7, h: 4, w: 6, o: 13, kh: 1, kw: 1),
    // Pointwise tails after the whole spans: one pixel (7x7 = 49 = 2·24 + 1, `runChannelTail`),
    // one vector (40 = 24 + 16);
    // activations applied in registers (ReLU6) and over the finished rows (hard swish, sigmoid).
    ConvCase(c: 19, h: 7, w: 7, o: 21, kh: 1, kw: 1, activation: .relu6),
    ConvCase(c: 9, h: 5, w: 8, o: 16, kh: 1, kw: 1, activation: .hardSwish),
    ConvCase(c: 6, h: 8, w: 8, o: 12, kh: 1, kw: 1, activation: .sigmoid),
    // Pixels after the whole vectors computed with channels in the lanes (`runChannelTail`):
    // 50 = 2·24 or 48 + 2 over 3.25 blocks, 51 = 2·24 or 48 + 3 with a ReLU6, and 7x7 over
    // 5 blocks (four at a time, then one) with an activation over the finished rows.
    ConvCase(c: 20, h: 5, w: 10, o: 52, kh: 1, kw: 1),
    ConvCase(c: 9, h: 3, w: 17, o: 40, kh: 1, kw: 1, activation: .relu6),
    ConvCase(c: 33, h: 7, w: 7, o: 70, kh: 1, kw: 1, activation: .hardSwish),
    // The same with 16-lane point vectors (SLIM_AVX512, spans of 48): 9x9 = 81 = 48 + 33
    // (three tail vectors), 10x10 = 100 = 2·48 + 4 (one).
    ConvCase(c: 10, h: 9, w: 9, o: 20, kh: 1, kw: 1, activation: .relu),
    ConvCase(c: 5, h: 10, w: 10, o: 12, kh: 1, kw: 1),
    // Rows of 16-lane pixel vectors (SLIM_AVX512) as well: a row of exactly one vector,
    // and rows whose last vector overlaps the one before (37 = 2·16 + 5, 23 = 16 + 7).
    ConvCase(c: 4, h: 5, w: 18, o: 9, kh: 3, kw: 3),
    ConvCase(c: 5, h: 6, w: 37, o: 20, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .relu),
    ConvCase(c: 3, h: 4, w: 23, o: 17, kh: 1, kw: 3, pads: (0, 1, 0, 1), activation: .hardSwish),
    // Column stride 2 in the row kernel: 33 = 2·16 + 1 output columns, and a 1x1 layer of 16.
    ConvCase(c: 3, h: 7, w: 66, o: 24, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1), activation: .relu6),
    ConvCase(c: 6, h: 5, w: 32, o: 16, kh: 1, kw: 1, stride: (1, 2)),
    // Several passes of the pair kernel over the input channels (`pairInputBlock`),
    // with two pixel tiles, the last one partial; per group; strided; and 1x1.
    ConvCase(c: 40, h: 9, w: 11, o: 36, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .relu),
    ConvCase(c: 72, h: 8, w: 9, o: 34, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 2, activation: .relu6),
    ConvCase(c: 40, h: 13, w: 17, o: 40, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1)),
    ConvCase(c: 300, h: 5, w: 5, o: 20, kh: 1, kw: 1, bias: false),
    // The pointwise kernel's chunks of the plane (`pointChunk`): two, the last holding the
    // spans' tail, with an activation over the finished rows; three of one span each.
    ConvCase(c: 700, h: 10, w: 13, o: 20, kh: 1, kw: 1, activation: .hardSwish),
    ConvCase(c: 1100, h: 12, w: 12, o: 8, kh: 1, kw: 1, activation: .relu),
    // Planes of 4 KiB, copied one row apart (`skewsPlanes`): 32x32, and 16x64 with a
    // tail of the output channel blocks and a ReLU.
    ConvCase(c: 16, h: 32, w: 32, o: 40, kh: 1, kw: 1),
    ConvCase(c: 24, h: 16, w: 64, o: 33, kh: 1, kw: 1, bias: false, activation: .relu),
  ]
  for _ in 0..<12 {
    let groups = [1, 1, 2, 3].randomElement(using: &rng)!
    let k = [1, 3, 3, 5].randomElement(using: &rng)!
    let stride = Int.random(in: 1...2, using: &rng)
    let pad = Int.random(in: 0...(k / 2), using: &rng)
    let h = Int.random(in: k...15, using: &rng), w = Int.random(in: k...15, using: &rng)
    let c = groups * Int.random(in: 1...9, using: &rng)
    let o = groups * Int.random(in: 8...40, using: &rng)
    cases.append(
      ConvCase(
        c: c, h: h, w: w, o: o, kh: k, kw: k, stride: (stride, stride), pads: (pad, pad, pad, pad), groups: groups,
        bias: Bool.random(using: &rng), activation: [.none, .relu, .relu6].randomElement(using: &rng)!))
  }
  return cases
}()

/// Max |a − r| / max |r|: the project's fp32 comparison.
func relativeError(_ actual: [Float], _ reference: [Float]) -> Double {
  let scale = reference.map { Double(abs($0)) }.max() ?? 0
  let error = zip(actual, reference).map { abs(Double($0) - Double($1)) }.max() ?? 0
  return scale == 0 ? error : error / scale
}

func runPlainConv(_ k: ConvCase, x: [Float], weight: [Float], bias: [Float]?) -> [Float] {
  var y = [Float](repeating: .nan, count: k.o * k.oh * k.ow)
  let b = bias ?? []
  x.withUnsafeBufferPointer { xp in
    weight.withUnsafeBufferPointer { wp in
      b.withUnsafeBufferPointer { bp in
        y.withUnsafeMutableBufferPointer { yp in
          Conv2D.run(
            k.geometry, input: xp.baseAddress!, weight: wp.baseAddress!, bias: bias == nil ? nil : bp.baseAddress!,
            output: yp.baseAddress!, activation: k.activation)
        }
      }
    }
  }
  return y
}

/// Runs one blocked kernel with its work cut into `parts` pieces run one after another;
/// with `residual`, adding it (from its own buffer, or `inPlace` from the output's).
func runBlockedConv(
  _ k: ConvCase, x: [Float], weight: [Float], bias: [Float]?, parts: Int,
  kernel: BlockedConv2D.Kernel = .channelVectors, byRows: Bool = false, rowPairs: Bool = false,
  residual: [Float]? = nil, inPlace: Bool = false
) -> [Float] {
  let g = k.geometry
  var y = inPlace ? residual! : [Float](repeating: .nan, count: k.o * k.oh * k.ow)
  let separate = inPlace ? [] : residual ?? []
  var packed = [Float](repeating: .nan, count: BlockedConv2D.packedCount(g))
  // NaN-filled scratch proves the kernel writes every padding element it reads.
  var scratch = [Float](repeating: .nan, count: max(1, BlockedConv2D.paddedCount(g)))
  let b = bias ?? []
  x.withUnsafeBufferPointer { xp in
    weight.withUnsafeBufferPointer { wp in
      b.withUnsafeBufferPointer { bp in
        y.withUnsafeMutableBufferPointer { yp in
          packed.withUnsafeMutableBufferPointer { pp in
            scratch.withUnsafeMutableBufferPointer { sp in
              separate.withUnsafeBufferPointer { rp in
                BlockedConv2D.pack(g, weight: wp.baseAddress!, into: pp.baseAddress!)
                var conv = BlockedConv2D(
                  geometry: g, input: xp.baseAddress!, padded: BlockedConv2D.paddedCount(g) > 0 ? sp.baseAddress! : nil,
                  weights: pp.baseAddress!, bias: bias == nil ? nil : bp.baseAddress!, output: yp.baseAddress!,
                  activation: k.activation)
                if inPlace { conv.residual = UnsafePointer(yp.baseAddress!) }
                if !separate.isEmpty { conv.residual = rp.baseAddress! }
                for part in 0..<parts {
                  conv.preparePaddedInput(rows: ExecutionStep.share(part, of: parts, count: PaddedInput.paddedRows(g)))
                }
                let items = conv.itemCount(kernel)
                for part in 0..<parts {
                  var cut = ExecutionStep.cut(part, of: parts, items: items, rows: g.outHeight, byRows: byRows)
                  // By rows only where each part keeps a whole micro-kernel call, as the step does.
                  if kernel == .pointwise {
                    let rowsFit = (g.outHeight / parts) * g.outWidth >= BlockedConv2D.pointSpan
                    cut =
                      byRows && rowsFit
                      ? (0..<items, ExecutionStep.share(part, of: parts, count: g.outHeight))
                      : (ExecutionStep.share(part, of: parts, count: items), 0..<g.outHeight)
                  }
                  if kernel == .rows {
                    conv.runRows(items: cut.items, rows: cut.rows, pairs: rowPairs)
                  } else {
                    conv.run(kernel, items: cut.items, rows: cut.rows)
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return y
}

@Test(arguments: blockedConvCases.indices)
func blockedConvMatchesPlainConv(caseIndex: Int) {
  let k = blockedConvCases[caseIndex]
  #expect(BlockedConv2D.isEligible(k.geometry), "\(k)")
  var rng = SeededRandom(seed: UInt64(300 + caseIndex))
  let x = rng.floats(k.c * k.h * k.w)
  let weight = rng.floats(k.o * (k.c / k.groups) * k.kh * k.kw)
  let bias = k.bias ? rng.floats(k.o) : nil
  let reference = runPlainConv(k, x: x, weight: weight, bias: bias)
  // Every kernel that can run the case (whichever one the step picks), the row kernel
  // with one and with two pixel vectors per call. 2 and 3 parts: cut by channel items or,
  // where items are few, by output rows.
  let kernels: [BlockedConv2D.Kernel] = [.channelVectors, .channelPairs, .rows, .pointwise]
  for kernel in kernels where BlockedConv2D.canRun(kernel, k.geometry) {
    for rowPairs in kernel == .rows ? [false, true] : [false] {
      for parts in [1, 2, 3] {
        for byRows in [false, true] {
          let fast = runBlockedConv(
            k, x: x, weight: weight, bias: bias, parts: parts, kernel: kernel, byRows: byRows, rowPairs: rowPairs)
          let name = "\(k) parts \(parts) \(kernel) by rows \(byRows) row pairs \(rowPairs)"
          #expect(relativeError(fast, reference) <= 1e-4, "\(name)")
          #expect(!fast.contains { $0.isNaN }, "\(name): output left unwritten")
        }
      }
    }
  }
}

@Test(arguments: blockedConvCases.indices)
func blockedConvAddsResidualAsPlainConvThenAdd(caseIndex: Int) {
  let k = blockedConvCases[caseIndex]
  var rng = SeededRandom(seed: UInt64(700 + caseIndex))
  let x = rng.floats(k.c * k.h * k.w)
  let weight = rng.floats(k.o * (k.c / k.groups) * k.kh * k.kw)
  let bias = k.bias ? rng.floats(k.o) : nil
  let residual = rng.floats(k.o * k.oh * k.ow).map { 4 * $0 }
  // The unfused pair: the convolution without activation, the add, then the activation.
  var plain = k
  plain.activation = .none
  var reference = zip(runPlainConv(plain, x: x, weight: weight, bias: bias), residual).map { $0 + $1 }
  reference.withUnsafeMutableBufferPointer { Activation.apply(k.activation, inPlace: $0.baseAddress!, count: $0.count) }
  for kernel in [BlockedConv2D.Kernel.channelPairs, .pointwise] where BlockedConv2D.canRun(kernel, k.geometry) {
    #expect(BlockedConv2D.readsResidual(kernel))
    for inPlace in [false, true] {
      for parts in [1, 2, 3] {
        for byRows in [false, true] {
          let fast = runBlockedConv(
            k, x: x, weight: weight, bias: bias, parts: parts, kernel: kernel, byRows: byRows, residual: residual,
            inPlace: inPlace)
          let name = "\(k) parts \(parts) \(kernel) by rows \(byRows) in place \(inPlace)"
          #expect(relativeError(fast, reference) <= 1e-4, "\(name)")
          #expect(!fast.contains { $0.isNaN }, "\(name): output left unwritten")
        }
      }
    }
  }
  #expect(!BlockedConv2D.readsResidual(.rows) && !BlockedConv2D.readsResidual(.channelVectors))
}

/// The pair kernel's passes over the input channels cover them all: in one pass where
/// the whole group's weights fit `pairSinglePassBytes`, else in equal passes (the last
/// within one channel of the others) whose weights stay within `pairPassBytes` unless
/// one channel alone exceeds it.
@Test func pairInputBlocksCoverTheChannelsInEqualPasses() {
  for (c, k, groups) in [
    (3, 3, 1), (14, 3, 1), (15, 3, 1), (64, 3, 1), (512, 3, 1), (40, 3, 2), (128, 1, 1), (960, 1, 1), (7, 11, 1),
  ] {
    let g = Conv2D.Geometry(
      inChannels: c, inHeight: 4, inWidth: 4, outChannels: 32, outHeight: 4, outWidth: 4, kernelHeight: k,
      kernelWidth: k, strideH: 1, strideW: 1, padTop: k / 2, padLeft: k / 2, dilationH: 1, dilationW: 1, groups: groups)
    let inPerGroup = c / groups
    let block = BlockedConv2D.pairInputBlock(g)
    let bytesPerChannel = k * k * BlockedConv2D.pairChannels * MemoryLayout<Float>.size
    let passes = (inPerGroup + block - 1) / block
    #expect(block >= 1 && block <= inPerGroup, "\(c) \(k)x\(k) groups \(groups)")
    #expect(passes == 1 || block == 1 || block * bytesPerChannel <= BlockedConv2D.pairPassBytes, "\(c) \(k)x\(k)")
    #expect(inPerGroup - (passes - 1) * block >= block - (passes - 1), "\(c) \(k)x\(k): uneven last pass")
    #expect((inPerGroup * bytesPerChannel <= BlockedConv2D.pairSinglePassBytes) == (passes == 1), "\(c) \(k)x\(k)")
  }
}

@Test func preferredBlockedKernelCanRunEveryCase() {
  for k in blockedConvCases {
    #expect(BlockedConv2D.canRun(BlockedConv2D.preferredKernel(k.geometry), k.geometry), "\(k)")
  }
  // Builds with the pair kernels take long 1x1 reductions (MobileNetV2's 960→320) from the pointwise
  // kernel, except on Zen 4 (`pairsFromInputChannels`).
  let long = ConvCase(c: 960, h: 7, w: 7, o: 320, kh: 1, kw: 1).geometry
  let pairsTakeLong = BlockedConv2D.prefersPairs && BlockedConv2D.pairsFromInputChannels <= 960
  #expect(BlockedConv2D.preferredKernel(long) == (pairsTakeLong ? .channelPairs : .pointwise))
  #expect(BlockedConv2D.preferredKernel(ConvCase(c: 160, h: 7, w: 7, o: 960, kh: 1, kw: 1).geometry) == .pointwise)
}

@Test func pointwiseKernelRunsOnSeveralBlockedCases() {
  #expect(blockedConvCases.filter { BlockedConv2D.prefersPointwise($0.geometry) }.count >= 3)
  #expect(!BlockedConv2D.prefersPointwise(ConvCase(c: 8, h: 8, w: 8, o: 16, kh: 1, kw: 1, stride: (2, 2)).geometry))
  #expect(!BlockedConv2D.prefersPointwise(ConvCase(c: 8, h: 2, w: 2, o: 16, kh: 1, kw: 1).geometry))
}

/// The pointwise kernel's chunks are whole spans whose input fits `pointChunkBytes`
/// (at least one span), and the cases above take it over more than one chunk.
@Test func pointwiseChunksAreWholeSpansWithinTheirBytes() {
  for c in [1, 16, 32, 96, 700, 1100, 4000] {
    let g = ConvCase(c: c, h: 56, w: 56, o: 24, kh: 1, kw: 1).geometry
    let chunk = BlockedConv2D.pointChunk(g)
    #expect(chunk % BlockedConv2D.pointSpan == 0 && chunk >= BlockedConv2D.pointSpan, "\(c)")
    #expect(chunk == BlockedConv2D.pointSpan || c * chunk * 4 <= BlockedConv2D.pointChunkBytes, "\(c)")
    #expect(c * (chunk + BlockedConv2D.pointSpan) * 4 > BlockedConv2D.pointChunkBytes, "\(c): the largest such chunk")
  }
  let chunked = blockedConvCases.filter {
    BlockedConv2D.prefersPointwise($0.geometry)
      && $0.oh * $0.ow - BlockedConv2D.pointChunk($0.geometry) >= BlockedConv2D.pointSpan
  }
  #expect(chunked.count >= 2)
}

/// 1x1 layers whose planes are a multiple of 4 KiB read a copy of the input whose
/// channels lie one row further apart, in hosted builds, where at least 32 output
/// channels read it; the cases above have two.
@Test func pointwisePlanesOf4KiBAreSkewed() {
  let skewed = blockedConvCases.filter { BlockedConv2D.skewsPlanes($0.geometry) }
  #if _pointerBitWidth(_32)
    #expect(skewed.isEmpty)
  #else
    #expect(skewed.count == 2)
    for k in skewed {
      let g = k.geometry
      #expect(BlockedConv2D.inputExtent(g) == (g.inHeight + 1, g.inWidth))
      #expect(BlockedConv2D.paddedCount(g) == g.inChannels * (g.inHeight + 1) * g.inWidth)
    }
  #endif
  #expect(!BlockedConv2D.skewsPlanes(ConvCase(c: 16, h: 32, w: 32, o: 16, kh: 1, kw: 1).geometry))
  #expect(!BlockedConv2D.skewsPlanes(ConvCase(c: 16, h: 31, w: 33, o: 64, kh: 1, kw: 1).geometry))
  #expect(!BlockedConv2D.skewsPlanes(ConvCase(c: 16, h: 32, w: 32, o: 64, kh: 3, kw: 3).geometry))
  #expect(BlockedConv2D.paddedCount(ConvCase(c: 16, h: 31, w: 33, o: 64, kh: 1, kw: 1).geometry) == 0)
}

@Test func rowKernelRunsOnMostBlockedCases() {
  // Several cases exercise the row kernel in every build (native vectors are wider, so fewer rows qualify).
  #expect(blockedConvCases.filter { BlockedConv2D.canRunRows($0.geometry) }.count >= 3)
  #expect(BlockedConv2D.prefersRows(ConvCase(c: 16, h: 16, w: 16, o: 32, kh: 1, kw: 1).geometry))
  #expect(!BlockedConv2D.prefersRows(ConvCase(c: 128, h: 16, w: 16, o: 32, kh: 1, kw: 1).geometry))
  #expect(BlockedConv2D.prefersRows(ConvCase(c: 64, h: 32, w: 32, o: 32, kh: 3, kw: 3, pads: (1, 1, 1, 1)).geometry))
  // Column stride 2 from two loads per vector (MobileNetV2's first layer); wider strides never.
  #expect(BlockedConv2D.prefersRows(ConvCase(c: 3, h: 66, w: 66, o: 32, kh: 3, kw: 3, stride: (2, 2)).geometry))
  #expect(!BlockedConv2D.canRunRows(ConvCase(c: 8, h: 99, w: 99, o: 32, kh: 3, kw: 3, stride: (3, 3)).geometry))
}

@Test func blockedConvIsNotUsedWhereLanesWouldBeWasted() {
  let depthwise = ConvCase(c: 32, h: 8, w: 8, o: 32, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 32)
  #expect(!BlockedConv2D.isEligible(depthwise.geometry))
  #expect(BlockedConv2D.isEligible(ConvCase(c: 4, h: 8, w: 8, o: 8, kh: 3, kw: 3).geometry))
}

@Test(arguments: [(1, 1), (7, 3), (16, 4), (33, 5), (512, 10), (100, 37)])
func simdLinearMatchesPlainLinear(inFeatures: Int, outFeatures: Int) {
  var rng = SeededRandom(seed: UInt64(inFeatures * 1000 + outFeatures))
  let x = rng.floats(inFeatures), weight = rng.floats(inFeatures * outFeatures), bias = rng.floats(outFeatures)
  for activation in [SlimActivation.none, .relu] {
    var reference = [Float](repeating: .nan, count: outFeatures)
    var fast = reference
    Linear.run(
      inFeatures: inFeatures, outFeatures: outFeatures, input: x, weight: weight, bias: bias, output: &reference,
      activation: activation)
    fast.withUnsafeMutableBufferPointer { out in
      for part in 0..<3 {
        Linear.runSIMD(
          inFeatures: inFeatures, rows: ExecutionStep.share(part, of: 3, count: outFeatures), input: x,
          weight: weight, bias: bias, output: out.baseAddress!, activation: activation)
      }
    }
    #expect(relativeError(fast, reference) <= 1e-4, "\(inFeatures)x\(outFeatures) \(activation)")
  }
}

@Test func sharesCoverTheRangeWithoutOverlap() {
  for count in [0, 1, 5, 64] {
    for parts in 1...4 {
      let ranges = (0..<parts).map { ExecutionStep.share($0, of: parts, count: count) }
      #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
      #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }
  }
}

@Test func cutsTileTheItemsByRowsGridExactlyOnce() {
  for parts in 1...5 {
    for items in 1...20 {
      for rows in 1...9 {
        for byRows in [false, true] {
          var covered = [Int](repeating: 0, count: items * rows)
          for part in 0..<parts {
            let cut = ExecutionStep.cut(part, of: parts, items: items, rows: rows, byRows: byRows)
            for item in cut.items { for row in cut.rows { covered[item * rows + row] += 1 } }
          }
          #expect(covered.allSatisfy { $0 == 1 }, "parts \(parts) items \(items) rows \(rows) by rows \(byRows)")
        }
      }
    }
  }
  // One 16-channel block over 32 rows: two threads take 16 rows each rather than one idling.
  #expect(ExecutionStep.cut(1, of: 2, items: 1, rows: 32) == (0..<1, 16..<32))
}

/// Depthwise shapes: stride 1 and 2, asymmetric padding, dilation, rows shorter and
/// longer than a vector, non-square kernels; 3x3 cases take the unrolled path.
let depthwiseCases: [ConvCase] = [
  ConvCase(c: 8, h: 12, w: 12, o: 8, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 8, activation: .relu6),
  ConvCase(c: 5, h: 13, w: 19, o: 5, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1), groups: 5),
  ConvCase(c: 3, h: 7, w: 5, o: 3, kh: 3, kw: 3, pads: (0, 1, 2, 1), groups: 3, bias: false),
  ConvCase(c: 4, h: 11, w: 21, o: 4, kh: 5, kw: 3, stride: (1, 2), pads: (2, 1, 2, 1), dilation: (2, 1), groups: 4),
  ConvCase(c: 6, h: 17, w: 17, o: 6, kh: 3, kw: 3, stride: (2, 2), pads: (0, 0, 1, 1), groups: 6, activation: .relu),
  // Rows several vectors wide, stride 1 and 2 (the 3x3 path's full vectors and overlapping last vector).
  ConvCase(c: 3, h: 9, w: 37, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3, activation: .relu6),
  ConvCase(c: 2, h: 10, w: 41, o: 2, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1), groups: 2),
  // The general path's four-vector loop with 16 lanes too (70 = 64 + 6 columns), and strided.
  ConvCase(c: 2, h: 6, w: 70, o: 2, kh: 5, kw: 5, pads: (2, 2, 2, 2), groups: 2, activation: .relu),
  ConvCase(c: 3, h: 5, w: 141, o: 3, kh: 3, kw: 5, stride: (1, 2), pads: (1, 2, 1, 2), groups: 3),
  // Rows narrower than a vector, stored whole into the next rows except at the end of a part's
  // rows: 7 wide (MobileNetV2's last stages), 3 and 2 wide (a vector spans several rows), stride 2;
  // and activations that are not clamps, applied over the finished plane.
  ConvCase(c: 5, h: 7, w: 7, o: 5, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 5, activation: .relu6),
  ConvCase(c: 4, h: 3, w: 3, o: 4, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 4, activation: .hardSwish),
  ConvCase(c: 3, h: 6, w: 2, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3, activation: .sigmoid),
  ConvCase(c: 4, h: 14, w: 14, o: 4, kh: 3, kw: 3, stride: (2, 2), pads: (0, 0, 1, 1), groups: 4, activation: .relu),
  // Input rows of exactly one band-copy vector (16 and 4 values: `PaddedInput.coverRow`).
  ConvCase(c: 3, h: 5, w: 16, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3),
  ConvCase(c: 3, h: 6, w: 4, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3, activation: .relu),
]

/// The orders the depthwise tests run a layer's parts in (`ExecutionStep.depthwiseCut`),
/// for 1, 2 and 3 parts: forward and reverse, so that a part's stores past its own rows
/// or channels are left in place in one of them, not overwritten by the part they landed on.
let depthwisePartOrders: [[Int]] = [[0], [0, 1], [1, 0], [0, 1, 2], [2, 1, 0]]

@Test(arguments: depthwiseCases.indices)
func depthwiseConvMatchesPlainConv(caseIndex: Int) {
  // Both lane widths in every build (sessions choose by `prefersWideLanes`).
  depthwiseConvMatchesPlainConv(caseIndex: caseIndex, lane: SIMD8<Float>.self)
  depthwiseConvMatchesPlainConv(caseIndex: caseIndex, lane: SIMD16<Float>.self)
}

func depthwiseConvMatchesPlainConv<Lane: DepthwiseLane>(caseIndex: Int, lane: Lane.Type) where Lane.Scalar == Float {
  typealias Kernel = FloatDepthwiseConv2D<Lane>
  let k = depthwiseCases[caseIndex]
  let g = k.geometry
  #expect(Kernel.isEligible(g), "\(k)")
  var rng = SeededRandom(seed: UInt64(900 + caseIndex))
  let x = rng.floats(k.c * k.h * k.w), weight = rng.floats(k.o * k.kh * k.kw)
  let bias = k.bias ? rng.floats(k.o) : nil
  let reference = runPlainConv(k, x: x, weight: weight, bias: bias)
  for order in depthwisePartOrders {
    let parts = order.count
    var y = [Float](repeating: .nan, count: reference.count)
    var scratch = [Float](repeating: .nan, count: parts * Kernel.scratchCount(g))
    let b = bias ?? []
    x.withUnsafeBufferPointer { xp in
      weight.withUnsafeBufferPointer { wp in
        b.withUnsafeBufferPointer { bp in
          y.withUnsafeMutableBufferPointer { yp in
            scratch.withUnsafeMutableBufferPointer { sp in
              let conv = Kernel(
                geometry: g, input: xp.baseAddress!, scratch: sp.baseAddress!, weights: wp.baseAddress!,
                epilogue: FloatDepthwiseEpilogue(
                  biases: bias == nil ? nil : bp.baseAddress!, output: yp.baseAddress!, outPlane: k.oh * k.ow,
                  activation: k.activation))
              // The parts as the worker pool cuts them.
              for part in order {
                let cut = ExecutionStep.depthwiseCut(part, of: parts, g)
                conv.run(channels: cut.items, rows: cut.rows, part: part)
              }
            }
          }
        }
      }
    }
    #expect(relativeError(y, reference) <= 1e-5, "\(k) parts \(order) \(Lane.self)")
    #expect(!y.contains { $0.isNaN }, "\(k) \(Lane.self): output left unwritten")
  }
}

@Test func blockedConvIsNotUsedForDepthwiseOrViceVersa() {
  typealias Kernel = NarrowFloatDepthwiseConv2D
  #expect(!Kernel.isEligible(ConvCase(c: 8, h: 8, w: 8, o: 16, kh: 3, kw: 3, groups: 8).geometry))
  #expect(!Kernel.isEligible(ConvCase(c: 1, h: 8, w: 8, o: 1, kh: 3, kw: 3).geometry))
  for k in depthwiseCases { #expect(!BlockedConv2D.isEligible(k.geometry)) }
}

@Test func blockedLayoutIsThePackSectionLayout() {
  #expect(BlockedConv2D.layoutLanes == SlimFormat.packedWeightsLanes)
  #expect(BlockedConv2D.layoutLanes % BlockedConv2D.lanes == 0)
}

@Test(arguments: [
  ConvCase(c: 5, h: 7, w: 9, o: 5, kh: 1, kw: 1, groups: 5, activation: .relu),
  ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 1, kw: 1, groups: 16, bias: false),
  ConvCase(c: 3, h: 1, w: 3, o: 3, kh: 1, kw: 1, groups: 3, activation: .relu6),
  ConvCase(c: 4, h: 5, w: 5, o: 4, kh: 1, kw: 1, groups: 4, activation: .clip(min: -0.25, max: 0.1)),
  ConvCase(c: 6, h: 4, w: 3, o: 6, kh: 1, kw: 1, groups: 6, activation: .hardSwish),
])
func channelAffineEqualsPlainConv(k: ConvCase) {
  let g = k.geometry
  #expect(ChannelAffine.isEligible(g), "\(k)")
  var rng = SeededRandom(seed: UInt64(k.c * 100 + k.h))
  let x = rng.floats(k.c * k.h * k.w), scale = rng.floats(k.o)
  let bias = k.bias ? rng.floats(k.o) : nil
  let reference = runPlainConv(k, x: x, weight: scale, bias: bias)
  for parts in [1, 2, 3] {
    for byRows in [false, true] {
      var y = [Float](repeating: .nan, count: reference.count)
      let b = bias ?? []
      y.withUnsafeMutableBufferPointer { yp in
        b.withUnsafeBufferPointer { bp in
          let affine = ChannelAffine(
            channels: k.c, plane: k.h * k.w, width: k.w, input: x, scale: scale,
            bias: bias == nil ? nil : bp.baseAddress!, output: yp.baseAddress!, activation: k.activation)
          // In reverse, so that a part writing another's outputs shows.
          for part in (0..<parts).reversed() {
            if byRows {
              affine.run(channels: 0..<k.c, rows: ExecutionStep.share(part, of: parts, count: k.h))
            } else {
              affine.run(channels: ExecutionStep.share(part, of: parts, count: k.c))
            }
          }
        }
      }
      // The same operations in the same order as the plain kernel: equal, not just close.
      #expect(y == reference, "\(k) parts \(parts) by rows \(byRows)")
    }
  }
}

@Test func channelAffineTakesOnlyUnpaddedStrideOnePointwiseDepthwise() {
  #expect(!ChannelAffine.isEligible(ConvCase(c: 4, h: 8, w: 8, o: 4, kh: 1, kw: 1, stride: (2, 2), groups: 4).geometry))
  #expect(
    !ChannelAffine.isEligible(
      ConvCase(c: 4, h: 8, w: 8, o: 4, kh: 1, kw: 1, pads: (1, 1, 1, 1), groups: 4).geometry))
  #expect(!ChannelAffine.isEligible(ConvCase(c: 4, h: 8, w: 8, o: 4, kh: 3, kw: 3, groups: 4).geometry))
  #expect(!ChannelAffine.isEligible(ConvCase(c: 4, h: 8, w: 8, o: 8, kh: 1, kw: 1, groups: 4).geometry))
}

@Test(arguments: [
  PoolCase(c: 3, h: 32, w: 32, kh: 2, kw: 2, sh: 2, sw: 2),
  PoolCase(c: 2, h: 7, w: 37, kh: 2, kw: 2, sh: 2, sw: 2),  // odd sizes: the last row and column are dropped
  PoolCase(c: 4, h: 4, w: 4, kh: 2, kw: 2, sh: 2, sw: 2),  // rows narrower than a vector
])
func maxPool2x2EqualsPlainPool(p: PoolCase) {
  let g = p.geometry(.max)
  #expect(Pool2D.isMax2x2(g), "\(p)")
  var rng = SeededRandom(seed: UInt64(p.h * 100 + p.w))
  var x = rng.floats(p.c * p.h * p.w)
  // NaNs win in both kernels; two in one window keep the later one's payload in both.
  x[5] = .nan
  x[p.w + 5] = Float(nan: 7, signaling: false)
  x[x.count - 1] = -.infinity
  for activation in [SlimActivation.none, .relu] {
    var reference = [Float](repeating: 0, count: p.c * p.oh * p.ow)
    Pool2D.run(g, input: x, output: &reference, activation: activation)
    var fast = [Float](repeating: 1, count: reference.count)
    fast.withUnsafeMutableBufferPointer { out in
      for part in 0..<2 {
        Pool2D.runMax2x2(
          g, channels: ExecutionStep.share(part, of: 2, count: p.c), input: x, output: out.baseAddress!,
          activation: activation)
      }
    }
    #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern), "\(p) \(activation)")
  }
}

@Test func maxPool2x2TakesOnlyUnpaddedWindowsInside() {
  #expect(
    !Pool2D.isMax2x2(PoolCase(c: 1, h: 8, w: 8, kh: 2, kw: 2, sh: 2, sw: 2).geometry(.average(countIncludePad: true))))
  #expect(!Pool2D.isMax2x2(PoolCase(c: 1, h: 7, w: 7, kh: 2, kw: 2, sh: 2, sw: 2, ceilMode: true).geometry(.max)))
  #expect(!Pool2D.isMax2x2(PoolCase(c: 1, h: 8, w: 8, kh: 3, kw: 3, sh: 2, sw: 2, pads: (1, 1, 1, 1)).geometry(.max)))
}
