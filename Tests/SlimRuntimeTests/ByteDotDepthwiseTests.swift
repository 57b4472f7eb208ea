import Testing

@testable import SlimRuntime

/// Geometries of the byte-dot depthwise kernel beyond the shared `depthwiseCases`:
/// rows of exactly one vector, one column more, several vectors with an overlapping
/// last one, rows narrower than a vector (plane order, `runPlanes`: planes of fewer
/// and of more than 16 outputs, and parts of fewer than 16), both strides in each
/// direction, and padding that differs per side.
let byteDotDepthwiseCases: [ConvCase] = [
  ConvCase(c: 3, h: 6, w: 16, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3),
  ConvCase(c: 2, h: 5, w: 17, o: 2, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 2),
  ConvCase(c: 3, h: 9, w: 40, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3),
  ConvCase(c: 4, h: 7, w: 7, o: 4, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 4),
  ConvCase(c: 3, h: 3, w: 3, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3),
  ConvCase(c: 5, h: 14, w: 14, o: 5, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 5),
  ConvCase(c: 3, h: 14, w: 14, o: 3, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1), groups: 3),
  ConvCase(c: 3, h: 12, w: 70, o: 3, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1), groups: 3),
  ConvCase(c: 2, h: 11, w: 35, o: 2, kh: 3, kw: 3, stride: (2, 1), pads: (0, 2, 1, 0), groups: 2),
  ConvCase(c: 2, h: 10, w: 38, o: 2, kh: 3, kw: 3, stride: (1, 2), pads: (2, 0, 0, 1), groups: 2),
  ConvCase(c: 2, h: 8, w: 20, o: 2, kh: 3, kw: 3, pads: (0, 0, 0, 0), groups: 2),
]

@Test(arguments: byteDotDepthwiseCases.indices)
func byteDotDepthwiseMatchesPlainInt8Conv(caseIndex: Int) {
  let k = byteDotDepthwiseCases[caseIndex]
  let operands = Int8Operands(
    inputs: k.c * k.h * k.w, weights: k.o * k.kh * k.kw, outputs: k.o, seed: UInt64(2500 + caseIndex))
  byteDotDepthwiseMatchesPlainInt8Conv(k, operands)
}

@Test(arguments: depthwiseCases.indices.filter { ByteDotDepthwiseConv2D.isEligible(depthwiseCases[$0].geometry) })
func byteDotDepthwiseMatchesPlainInt8ConvOnSharedCases(caseIndex: Int) {
  let k = depthwiseCases[caseIndex]
  let operands = Int8Operands(
    inputs: k.c * k.h * k.w, weights: k.o * k.kh * k.kw, outputs: k.o, seed: UInt64(2500 + caseIndex))
  byteDotDepthwiseMatchesPlainInt8Conv(k, operands)
}

/// The largest products of either sign in every tap, so that a sum is wrong in its
/// last unit if the shift by 128 is not taken back exactly (`channelBias`): inputs
/// 127 or −128 against zero points −128 or 127, weights −128, biases that cancel the
/// interior sum to leave a small offset, and a rescale of about 1.
@Test(arguments: [(Int32(127), Int32(-128)), (-128, 127), (0, -128)])
func byteDotDepthwiseSumsAreExactAtTheirExtremes(input: Int32, zeroPoint: Int32) {
  let k = ConvCase(c: 3, h: 5, w: 18, o: 3, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 3)
  let interiorSum = 9 * (input - zeroPoint) * -128
  let operands = extremeInt8Operands(
    k, input: input, zeroPoint: zeroPoint, biases: [-interiorSum + 37, -interiorSum - 91, 1_500_000_000])
  let reference = plainInt8Conv(k, operands)
  let interior = 2 * k.ow + 5
  #expect(reference[interior] == 37 && reference[k.oh * k.ow + interior] == -91)
  byteDotDepthwiseMatchesPlainInt8Conv(k, operands)
}

@Test func byteDotDepthwiseEligibility() {
  let k = ConvCase(c: 4, h: 20, w: 20, o: 4, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 4)
  #expect(ByteDotDepthwiseConv2D.isEligible(k.geometry))
  var other = k
  other.kw = 5
  #expect(!ByteDotDepthwiseConv2D.isEligible(other.geometry))
  other = k
  other.dilation = (1, 2)
  #expect(!ByteDotDepthwiseConv2D.isEligible(other.geometry))
  other = k
  other.stride = (3, 1)
  #expect(!ByteDotDepthwiseConv2D.isEligible(other.geometry))
  other = k
  other.groups = 2
  #expect(!ByteDotDepthwiseConv2D.isEligible(other.geometry))
  // Sessions take it in `SLIM_VNNI` builds only.
  #expect(ByteDotDepthwiseConv2D.isPreferred(k.geometry) == BlockedConv2DInt8.hasByteDotInstruction)
  #expect(!ByteDotDepthwiseConv2D.isPreferred(other.geometry))
}

/// The kernel against `Conv2DInt8`, whole and cut into parts by channels or rows as
/// sessions cut it, in several orders, with a scratch full of garbage.
func byteDotDepthwiseMatchesPlainInt8Conv(_ k: ConvCase, _ operands: Int8Operands) {
  let g = k.geometry
  #expect(ByteDotDepthwiseConv2D.isEligible(g), "\(k)")
  expectPartsMatchPlainInt8Conv(k, operands, scratchCount: ByteDotDepthwiseConv2D.scratchCount(g), "byte dot") {
    x, w, b, m, s, o, scratch, channels, rows, part in
    // What sessions prepare once (`ByteQuads.prepareTaps`), here for each part.
    var taps = [Int32](repeating: 0, count: ByteDotDepthwiseConv2D.tapsCount(g))
    taps.withUnsafeMutableBufferPointer { t in
      ByteQuads.prepareTaps(
        weights: w, biases: b, channels: g.outChannels, rowsPerChannel: 3,
        inputZeroPoint: operands.stage.inputZeroPoint, into: t.baseAddress!)
      let conv = ByteDotDepthwiseConv2D(
        geometry: g, stage: operands.stage, input: x, scratch: scratch, taps: t.baseAddress!, multiplier: m, shift: s,
        output: o)
      conv.run(channels: channels, rows: rows, part: part)
    }
  }
}
