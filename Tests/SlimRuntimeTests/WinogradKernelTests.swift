import Testing

@testable import SlimRuntime

// Winograd F(4x4, 3x3) against the plain convolution. The kernel states its bound
// as 1e-4 of the largest reference value, the project's fp32 tolerance; the
// errors these cases measure are about 1e-6 (`Tools/bench/winograd.swift` prints them).

/// Shapes with tile tails (planes not a multiple of 4), tile-group tails, channel
/// counts off the 16- and 4-lane blocks (and odd block counts, which pairs of blocks
/// do not divide), asymmetric padding and no padding.
let winogradCases: [ConvCase] = [
  ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 3, kw: 3, pads: (1, 1, 1, 1)),
  ConvCase(c: 32, h: 16, w: 16, o: 48, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .relu),
  ConvCase(c: 9, h: 13, w: 11, o: 19, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .relu6),
  ConvCase(c: 8, h: 10, w: 9, o: 8, kh: 3, kw: 3, pads: (0, 1, 2, 1), bias: false),
  ConvCase(c: 12, h: 12, w: 14, o: 33, kh: 3, kw: 3, activation: .leakyRelu(alpha: 0.1)),
  ConvCase(c: 64, h: 9, w: 10, o: 17, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .hardSwish),
  ConvCase(c: 10, h: 3, w: 3, o: 10, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .sigmoid),
  ConvCase(c: 20, h: 21, w: 5, o: 24, kh: 3, kw: 3, pads: (2, 0, 0, 2), activation: .clip(min: -0.5, max: 0.5)),
  // Tile groups read as rows: 8 tiles in one tile row (32 wide), 4 in each of two (16
  // wide, the last tile row cut short), and rows of 9 tiles whose groups straddle
  // them; 81 tiles are more groups than one pass of `multiplyPairs` takes.
  ConvCase(c: 16, h: 32, w: 32, o: 32, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .relu),
  ConvCase(c: 24, h: 14, w: 16, o: 16, kh: 3, kw: 3, pads: (1, 1, 1, 1)),
  ConvCase(c: 8, h: 36, w: 36, o: 40, kh: 3, kw: 3, pads: (1, 1, 1, 1), activation: .leakyRelu(alpha: 0.1)),
]

/// How `runWinogradConv` cuts the work among its parts: channel blocks, each part
/// transforming the whole input; tile groups; or channel blocks reading one transformed
/// input that the parts build first, as sessions cut them (by micro-kernel calls);
/// or shares of the blocks themselves, which start and end inside a call's pair.
enum WinogradSplit: CaseIterable { case blocks, tiles, sharedInput, unevenBlocks }

/// Runs the Winograd kernel with its work cut into `parts` pieces run one after
/// another, as `ExecutionStep.execute(part:of:)` cuts it, each on its own scratch.
/// The parts run in reverse order, so that one relying on a later part's writes fails.
func runWinogradConv(_ k: ConvCase, x: [Float], weight: [Float], bias: [Float]?, parts: Int, split: WinogradSplit)
  -> [Float]
{
  let g = k.geometry
  var y = [Float](repeating: .nan, count: k.o * k.oh * k.ow)
  var transformed = [Float](repeating: .nan, count: WinogradConv2D.transformedCount(g))
  // NaN-filled scratch proves the kernel writes every element it reads.
  var padded = [Float](repeating: .nan, count: WinogradConv2D.paddedCount(g))
  var scratch = [Float](repeating: .nan, count: parts * WinogradConv2D.scratchCount(g))
  var shared = [Float](repeating: .nan, count: WinogradConv2D.groupCount(g) * WinogradConv2D.groupInputCount(g))
  let b = bias ?? []
  x.withUnsafeBufferPointer { xp in
    b.withUnsafeBufferPointer { bp in
      y.withUnsafeMutableBufferPointer { yp in
        transformed.withUnsafeMutableBufferPointer { tp in
          padded.withUnsafeMutableBufferPointer { pp in
            scratch.withUnsafeMutableBufferPointer { sp in
              shared.withUnsafeMutableBufferPointer { shp in
                weight.withUnsafeBufferPointer {
                  WinogradConv2D.transform(g, weight: $0.baseAddress!, into: tp.baseAddress!)
                }
                let conv = WinogradConv2D(
                  geometry: g, input: xp.baseAddress!, padded: pp.baseAddress!, weights: UnsafePointer(tp.baseAddress!),
                  bias: bias == nil ? nil : bp.baseAddress!, output: yp.baseAddress!, activation: k.activation,
                  scratch: sp.baseAddress!, sharedInput: shp.baseAddress!)
                let rows = WinogradConv2D.paddedExtent(g).height
                for part in (0..<parts).reversed() {
                  conv.preparePaddedInput(rows: ExecutionStep.share(part, of: parts, count: rows))
                }
                if split == .sharedInput {
                  for part in (0..<parts).reversed() {
                    conv.transformInput(groups: ExecutionStep.share(part, of: parts, count: conv.groupCount))
                  }
                }
                for part in (0..<parts).reversed() {
                  if split == .unevenBlocks {
                    let blocks = ExecutionStep.share(part, of: parts, count: conv.blockCount)
                    conv.run(blocks: blocks, groups: 0..<conv.groupCount, part: part)
                    continue
                  }
                  if split == .sharedInput {
                    conv.runTransformed(
                      blocks: conv.blocks(ofCalls: ExecutionStep.share(part, of: parts, count: conv.callCount)),
                      part: part)
                    continue
                  }
                  let cut = ExecutionStep.cut(
                    part, of: parts, items: conv.callCount, rows: conv.groupCount, byRows: split == .tiles)
                  conv.run(blocks: conv.blocks(ofCalls: cut.items), groups: cut.rows, part: part)
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

@Test(arguments: winogradCases.indices)
func winogradConvMatchesPlainConv(caseIndex: Int) {
  let k = winogradCases[caseIndex]
  #expect(WinogradConv2D.isEligible(k.geometry), "\(k)")
  var rng = SeededRandom(seed: UInt64(700 + caseIndex))
  let x = rng.floats(k.c * k.h * k.w)
  let weight = rng.floats(k.o * k.c * 9)
  let bias = k.bias ? rng.floats(k.o) : nil
  let reference = runPlainConv(k, x: x, weight: weight, bias: bias)
  for parts in [1, 2, 3] {
    for split in WinogradSplit.allCases {
      let fast = runWinogradConv(k, x: x, weight: weight, bias: bias, parts: parts, split: split)
      let error = relativeError(fast, reference)
      #expect(error <= 1e-4, "\(k) parts \(parts) split \(split): \(error)")
      #expect(!fast.contains { $0.isNaN }, "\(k): output left unwritten")
    }
  }
}

/// Large inputs are where Winograd's cancellation loses the most; the bound must hold
/// at the magnitudes of real activations too, not only in [-1, 1].
@Test func winogradConvKeepsItsBoundAtLargeMagnitudes() {
  let k = ConvCase(c: 64, h: 16, w: 16, o: 32, kh: 3, kw: 3, pads: (1, 1, 1, 1))
  var rng = SeededRandom(seed: 77)
  let x = rng.floats(k.c * k.h * k.w).map { $0 * 1000 }
  let weight = rng.floats(k.o * k.c * 9).map { $0 * 0.01 }
  let reference = runPlainConv(k, x: x, weight: weight, bias: nil)
  let fast = runWinogradConv(k, x: x, weight: weight, bias: nil, parts: 1, split: .blocks)
  #expect(relativeError(fast, reference) <= 1e-4)
}

@Test func winogradTakesOnlyUndilatedStrideOne3x3Convolutions() {
  #expect(WinogradConv2D.isEligible(ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 3, kw: 3).geometry))
  #expect(!WinogradConv2D.isEligible(ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 3, kw: 3, stride: (2, 2)).geometry))
  #expect(!WinogradConv2D.isEligible(ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 3, kw: 3, dilation: (2, 2)).geometry))
  #expect(!WinogradConv2D.isEligible(ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 3, kw: 3, groups: 2).geometry))
  #expect(!WinogradConv2D.isEligible(ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 1, kw: 1).geometry))
  #expect(!WinogradConv2D.isEligible(ConvCase(c: 16, h: 8, w: 8, o: 16, kh: 5, kw: 5).geometry))
  // Planes under 8x8 stay direct: their transformed weights are read for too few tiles.
  #expect(!WinogradConv2D.isPreferred(ConvCase(c: 256, h: 4, w: 4, o: 256, kh: 3, kw: 3, pads: (1, 1, 1, 1)).geometry))
  #expect(WinogradConv2D.isPreferred(ConvCase(c: 64, h: 32, w: 32, o: 64, kh: 3, kw: 3, pads: (1, 1, 1, 1)).geometry))
  // Builds with the pair kernels keep 8x8 planes direct (4 tiles fill half a group),
  // except for cores that run AVX-512 in two halves (`SLIM_AVX512_HALVES`).
  #expect(
    WinogradConv2D.isPreferred(ConvCase(c: 64, h: 8, w: 8, o: 64, kh: 3, kw: 3, pads: (1, 1, 1, 1)).geometry)
      == (WinogradConv2D.smallestPlane == 8))
  #expect(WinogradConv2D.smallestPlane == 8 || WinogradConv2D.multipliesPairs)
}

/// The epilogue's clamp in registers gives what `Activation.apply` gives in memory, NaN
/// and infinities included; activations that are not clamps have no bounds (the
/// kernel applies them to memory).
@Test(arguments: [
  SlimActivation.none, .relu, .relu6, .clip(min: -0.25, max: 0.75), .leakyRelu(alpha: 0.2), .sigmoid,
  .hardSigmoid(alpha: 0.2, beta: 0.5), .hardSwish,
])
func vectorClampEqualsTheScalarActivation(kind: SlimActivation) {
  guard let bounds = Activation.clampBounds(kind) else {
    switch kind {
    case .none, .relu, .relu6, .clip: Issue.record("\(kind) is a clamp")
    default: break
    }
    return
  }
  let values: [Float] = [-7, -6, -1, -0.5, -0, 0, 0.25, 0.5, 1, 3, 6, 7, .nan, .infinity, -.infinity, 1e-30]
  var expected = values
  expected.withUnsafeMutableBufferPointer { Activation.apply(kind, inPlace: $0.baseAddress!, count: $0.count) }
  let vector = Activation.clamp(SIMD16<Float>(values), bounds)
  for i in values.indices {
    let same = vector[i] == expected[i] || (vector[i].isNaN && expected[i].isNaN)
    #expect(same, "\(kind) at \(values[i]): \(vector[i]) vs \(expected[i])")
  }
}

/// The register transpose the 16-lane tile store uses: element (i, j) goes to (j, i),
/// every one distinct, so a misplaced element cannot match by chance.
@Test func sixteenVectorsTransposeInRegisters() {
  func row(_ i: Int) -> SIMD16<Float> {
    var v = SIMD16<Float>()
    for j in 0..<16 { v[j] = Float(i * 16 + j) }
    return v
  }
  var rows: Sixteen<SIMD16<Float>> = (
    row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7), row(8), row(9), row(10), row(11), row(12),
    row(13), row(14), row(15)
  )
  var columns = SIMD16<Float>.transposed(rows)
  withUnsafePointer(to: &rows) { r in
    withUnsafePointer(to: &columns) { c in
      r.withMemoryRebound(to: SIMD16<Float>.self, capacity: 16) { r in
        c.withMemoryRebound(to: SIMD16<Float>.self, capacity: 16) { c in
          for i in 0..<16 {
            for j in 0..<16 { #expect(c[j][i] == r[i][j], "(\(i), \(j))") }
          }
        }
      }
    }
  }
}
