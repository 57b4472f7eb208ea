import Testing

@testable import SlimRuntime

/// Geometries of the byte-dot stem kernel: MobileNetV2's stem shape (3 channels, 3x3,
/// stride 2) at a smaller plane, one to four input channels, output channels that are
/// not a multiple of the four the kernel sums at once, rows of exactly one vector, one
/// column more and several vectors, each stride in each direction, a 5-row kernel
/// (15 rows of quads), and padding that differs per side.
let byteDotStemCases: [ConvCase] = [
  ConvCase(c: 3, h: 40, w: 40, o: 32, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1)),
  ConvCase(c: 1, h: 9, w: 16, o: 8, kh: 3, kw: 3, pads: (1, 1, 1, 1)),
  ConvCase(c: 4, h: 7, w: 17, o: 6, kh: 3, kw: 3, pads: (1, 1, 1, 1)),
  ConvCase(c: 2, h: 8, w: 35, o: 5, kh: 3, kw: 3, pads: (1, 1, 1, 1)),
  ConvCase(c: 3, h: 11, w: 37, o: 7, kh: 3, kw: 3, stride: (2, 1), pads: (0, 2, 1, 0)),
  ConvCase(c: 3, h: 10, w: 40, o: 9, kh: 3, kw: 3, stride: (1, 2), pads: (2, 0, 0, 1)),
  ConvCase(c: 3, h: 12, w: 20, o: 4, kh: 5, kw: 3, pads: (2, 1, 2, 1)),
  ConvCase(c: 2, h: 6, w: 18, o: 3, kh: 1, kw: 3),
]

@Test(arguments: byteDotStemCases.indices)
func byteDotStemMatchesPlainInt8Conv(caseIndex: Int) {
  let k = byteDotStemCases[caseIndex]
  let operands = Int8Operands(
    inputs: k.c * k.h * k.w, weights: k.o * k.c * k.kh * k.kw, outputs: k.o, seed: UInt64(2600 + caseIndex))
  byteDotStemMatchesPlainInt8Conv(k, operands)
}

/// As `byteDotDepthwiseSumsAreExactAtTheirExtremes`: the largest products in every tap,
/// biases that cancel the interior sum, a rescale of about 1.
@Test(arguments: [(Int32(127), Int32(-128)), (-128, 127), (0, -128)])
func byteDotStemSumsAreExactAtTheirExtremes(input: Int32, zeroPoint: Int32) {
  let k = ConvCase(c: 3, h: 5, w: 18, o: 5, kh: 3, kw: 3, pads: (1, 1, 1, 1))
  let interiorSum = 27 * (input - zeroPoint) * -128
  let operands = extremeInt8Operands(
    k, input: input, zeroPoint: zeroPoint,
    biases: [-interiorSum + 37, -interiorSum - 91, 1_500_000_000, -interiorSum, -interiorSum + 1])
  let reference = plainInt8Conv(k, operands)
  let interior = 2 * k.ow + 5, plane = k.oh * k.ow
  #expect(reference[interior] == 37 && reference[plane + interior] == -91 && reference[4 * plane + interior] == 1)
  byteDotStemMatchesPlainInt8Conv(k, operands)
}

@Test func byteDotStemEligibility() {
  let k = ConvCase(c: 3, h: 32, w: 32, o: 16, kh: 3, kw: 3, pads: (1, 1, 1, 1))
  #expect(ByteDotStemConv2D.isEligible(k.geometry))
  #expect(ByteDotStemConv2D.isPreferred(k.geometry) == BlockedConv2DInt8.hasByteDotInstruction)
  var other = k
  other.kw = 5
  #expect(!ByteDotStemConv2D.isEligible(other.geometry))
  other = k
  other.c = 6  // 18 rows of quads
  #expect(!ByteDotStemConv2D.isEligible(other.geometry))
  other = k
  other.c = 5  // eligible, but the blocked kernel's words are full enough
  #expect(ByteDotStemConv2D.isEligible(other.geometry) && !ByteDotStemConv2D.isPreferred(other.geometry))
  other = k
  other.w = 15
  #expect(!ByteDotStemConv2D.isEligible(other.geometry))
  other = k
  other.stride = (1, 3)
  #expect(!ByteDotStemConv2D.isEligible(other.geometry))
  other = k
  other.dilation = (2, 1)
  #expect(!ByteDotStemConv2D.isEligible(other.geometry))
}

/// The kernel against `Conv2DInt8`, whole and cut into parts as sessions cut it, in
/// several orders, with a scratch full of garbage.
func byteDotStemMatchesPlainInt8Conv(_ k: ConvCase, _ operands: Int8Operands) {
  let g = k.geometry
  #expect(ByteDotStemConv2D.isEligible(g), "\(k)")
  expectPartsMatchPlainInt8Conv(k, operands, scratchCount: ByteDotStemConv2D.scratchCount(g), "stem") {
    x, w, b, m, s, o, scratch, channels, rows, part in
    // What sessions prepare once (`ByteQuads.prepareTaps`), here for each part.
    var taps = [Int32](repeating: 0, count: ByteDotStemConv2D.tapsCount(g))
    taps.withUnsafeMutableBufferPointer { t in
      ByteQuads.prepareTaps(
        weights: w, biases: b, channels: g.outChannels, rowsPerChannel: ByteDotStemConv2D.quadRows(g),
        inputZeroPoint: operands.stage.inputZeroPoint, into: t.baseAddress!)
      let conv = ByteDotStemConv2D(
        geometry: g, stage: operands.stage, input: x, scratch: scratch, taps: t.baseAddress!, multiplier: m, shift: s,
        output: o)
      conv.run(channels: channels, rows: rows, part: part)
    }
  }
}
