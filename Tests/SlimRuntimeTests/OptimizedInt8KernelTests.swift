import Testing

@testable import SlimRuntime

// The int8 fast kernels against the plain int8 kernels they replace, bit for bit. The
// plain kernels are themselves proven bit-exact against the int8 reference engine
// (SlimCompilerTests' Int8KernelTests).

/// Random int8 operands of one layer: zero points at the int8 limits part of the
/// time, and multipliers large enough that some outputs saturate.
struct Int8Operands {
  var input: [Int8], weight: [Int8], bias: [Int32], multiplier: [Int32], shift: [Int32]
  var stage: Int8OutputStage

  init(inputs: Int, weights: Int, outputs: Int, seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    func int8s(_ count: Int) -> [Int8] { (0..<count).map { _ in Int8(truncatingIfNeeded: rng.next()) } }
    input = int8s(inputs)
    weight = int8s(weights).map { $0 == .min ? -127 : $0 }
    bias = (0..<outputs).map { _ in Int32.random(in: -50_000...50_000, using: &rng) }
    multiplier = (0..<outputs).map { _ in Int32.random(in: (1 << 30)...Int32.max, using: &rng) }
    shift = (0..<outputs).map { _ in Int32.random(in: -14...(-6), using: &rng) }
    let zeroPoints: [Int32] = [-128, 127, Int32.random(in: -128...127, using: &rng)]
    // A fused ReLU's clamp part of the time.
    stage = Int8OutputStage(
      inputZeroPoint: zeroPoints[Int(seed % 3)], outputZeroPoint: Int32.random(in: -20...20, using: &rng),
      outputMin: seed % 2 == 0 ? -128 : Int32.random(in: -30...0, using: &rng),
      outputMax: Int32.random(in: 64...127, using: &rng))
  }

  /// Calls `body` with raw pointers to the operands and a zeroed output of `outputCount` bytes.
  func withPointers(
    outputCount: Int,
    _ body: (
      _ input: UnsafeRawPointer, _ weight: UnsafeRawPointer, _ bias: UnsafeRawPointer, _ multiplier: UnsafeRawPointer,
      _ shift: UnsafeRawPointer, _ output: UnsafeMutableRawPointer
    ) -> Void
  ) -> [Int8] {
    var output = [Int8](repeating: 0, count: outputCount)
    input.withUnsafeBytes { x in
      weight.withUnsafeBytes { w in
        bias.withUnsafeBytes { b in
          multiplier.withUnsafeBytes { m in
            shift.withUnsafeBytes { s in
              output.withUnsafeMutableBytes { o in
                body(x.baseAddress!, w.baseAddress!, b.baseAddress!, m.baseAddress!, s.baseAddress!, o.baseAddress!)
              }
            }
          }
        }
      }
    }
    return output
  }
}

@Test(arguments: blockedConvCases.indices, [BlockedConv2DInt8.Packing.pairs, .quads])
func blockedInt8ConvMatchesPlainInt8Conv(caseIndex: Int, packing: BlockedConv2DInt8.Packing) {
  let k = blockedConvCases[caseIndex]
  let g = k.geometry
  #expect(BlockedConv2DInt8.isEligible(g), "\(k)")
  let operands = Int8Operands(
    inputs: k.c * k.h * k.w, weights: k.o * (k.c / k.groups) * k.kh * k.kw, outputs: k.o,
    seed: UInt64(700 + caseIndex))
  let outputCount = k.o * k.oh * k.ow
  let reference = operands.withPointers(outputCount: outputCount) { x, w, b, m, s, o in
    Conv2DInt8.run(g, stage: operands.stage, input: x, weight: w, bias: b, multiplier: m, shift: s, output: o)
  }
  #expect(Set(reference).count > 2, "\(k): the case should not saturate everything")
  /// The output of `body`'s runs over a freshly packed conv whose input was prepared in `parts` row bands.
  func fast(parts: Int, _ body: (BlockedConv2DInt8) -> Void) -> [Int8] {
    var packed = [Int8](repeating: 99, count: BlockedConv2DInt8.packedCount(g, packing))
    // A garbage-filled scratch proves the kernel writes every element it reads.
    var scratch = [Int32](repeating: .max, count: BlockedConv2DInt8.scratchCount(g, packing))
    var corrected = [Int32](repeating: 0, count: g.outChannels)
    return operands.withPointers(outputCount: outputCount) { x, w, b, m, s, o in
      packed.withUnsafeMutableBufferPointer { p in
        scratch.withUnsafeMutableBufferPointer { sp in
          corrected.withUnsafeMutableBufferPointer { c in
            BlockedConv2DInt8.pack(g, packing, weight: w, into: p.baseAddress!)
            var bias = b
            if packing == .quads {
              var sums = [Int32](repeating: 0, count: g.outChannels)
              sums.withUnsafeMutableBufferPointer { BlockedConv2DInt8.weightSums(g, weight: w, into: $0.baseAddress!) }
              sums.withUnsafeBytes {
                BlockedConv2DInt8.correctedBias(
                  g, bias: b, weightSums: $0.baseAddress!, inputZeroPoint: operands.stage.inputZeroPoint,
                  into: c.baseAddress!)
              }
              bias = UnsafeRawPointer(c.baseAddress!)
            }
            let conv = BlockedConv2DInt8(
              geometry: g, packing: packing, stage: operands.stage, input: x, scratch: sp.baseAddress!,
              weights: p.baseAddress!, bias: bias, multiplier: m, shift: s, output: o)
            for part in 0..<parts {
              conv.prepareInput(rows: ExecutionStep.share(part, of: parts, count: PaddedInput.paddedRows(g)))
            }
            body(conv)
          }
        }
      }
    }
  }
  for parts in [1, 2, 3] {
    let general = fast(parts: parts) { conv in
      for part in 0..<parts {
        let cut = ExecutionStep.cut(part, of: parts, items: conv.blockCount, rows: g.outHeight)
        conv.run(blocks: cut.items, rows: cut.rows)
      }
    }
    #expect(general == reference, "\(k) \(packing) parts \(parts)")
    // The session's choice of kernel and split.
    let dispatched = fast(parts: parts) { conv in
      for part in 0..<parts { ExecutionStep.blockedConv2dInt8(conv).execute(part: part, of: parts) }
    }
    #expect(dispatched == reference, "\(k) \(packing) parts \(parts), dispatched")
    if packing == .quads {
      // 16 lanes (pairs of layout blocks), whichever kernel the build's sessions pick.
      let wide = fast(parts: parts) { conv in
        for part in 0..<parts {
          let cut = ExecutionStep.cut(part, of: parts, items: conv.wideItemCount, rows: g.outHeight)
          conv.runWide(items: cut.items, rows: cut.rows)
        }
      }
      #expect(wide == reference, "\(k) parts \(parts), 16 lanes")
    }
    guard BlockedConv2DInt8.prefersPointwise(g) else { continue }
    let byItems = fast(parts: parts) { conv in
      for part in 0..<parts {
        conv.runPointwise(
          items: ExecutionStep.share(part, of: parts, count: conv.pointItemCount), rows: 0..<g.outHeight)
      }
    }
    #expect(byItems == reference, "\(k) parts \(parts), pointwise by items")
    if g.outHeight >= parts && (g.outHeight / parts) * g.outWidth >= BlockedConv2DInt8.pointSpan {
      let byRows = fast(parts: parts) { conv in
        for part in 0..<parts {
          conv.runPointwise(
            items: 0..<conv.pointItemCount, rows: ExecutionStep.share(part, of: parts, count: g.outHeight))
        }
      }
      #expect(byRows == reference, "\(k) parts \(parts), pointwise by rows")
    }
  }
}

/// `addingByteDot` (one `vpdpbusd` with `SLIM_VNNI`, lane arithmetic elsewhere) against
/// its definition, lane by lane: the byte extremes, then random lanes.
@Test func byteDotMatchesItsDefinition() {
  func expected(_ sum: Int32, _ unsigned: Int32, _ signed: Int32) -> Int32 {
    var result = sum
    for j in 0..<4 {
      let u = Int32(UInt8(truncatingIfNeeded: unsigned >> (8 * j)))
      let s = Int32(Int8(truncatingIfNeeded: signed >> (8 * j)))
      result &+= u * s
    }
    return result
  }
  var rng = SeededRandom(seed: 0xB17E)
  let edges: [Int32] = [0, -1, 0x7F7F_7F7F, -0x7F7F_7F80, 0x0080_FF7F, Int32.min, Int32.max, 0x0102_0304]
  for round in 0..<2_000 {
    var sums = SIMD8<Int32>(), unsigned = SIMD8<Int32>(), signed = SIMD8<Int32>()
    for lane in 0..<8 {
      let edge = round < 64
      sums[lane] = edge ? edges[(round + lane) % edges.count] : Int32(truncatingIfNeeded: rng.next())
      unsigned[lane] = edge ? edges[(round / 8 + lane) % edges.count] : Int32(truncatingIfNeeded: rng.next())
      signed[lane] = edge ? edges[(round + 3 * lane) % edges.count] : Int32(truncatingIfNeeded: rng.next())
    }
    let result = sums.addingByteDot(unsigned: unsigned, signed: signed)
    for lane in 0..<8 {
      #expect(result[lane] == expected(sums[lane], unsigned[lane], signed[lane]), "round \(round) lane \(lane)")
    }
    // The 16-lane form (a 512-bit `vpdpbusd` with `SLIM_VNNI`), with the lanes reversed
    // in the upper half so that the halves differ.
    let reversed = { (v: SIMD8<Int32>) in SIMD8(v[7], v[6], v[5], v[4], v[3], v[2], v[1], v[0]) }
    let wide = SIMD16(lowHalf: sums, highHalf: reversed(sums)).addingByteDot(
      unsigned: SIMD16(lowHalf: unsigned, highHalf: reversed(unsigned)),
      signed: SIMD16(lowHalf: signed, highHalf: reversed(signed)))
    #expect(wide == SIMD16(lowHalf: result, highHalf: reversed(result)), "round \(round), 16 lanes")
  }
}

@Test(arguments: [(1, 1), (15, 3), (16, 4), (33, 5), (64, 6), (100, 7), (512, 10), (1280, 37)])
func simdInt8LinearMatchesPlainInt8Linear(inFeatures: Int, outFeatures: Int) {
  let operands = Int8Operands(
    inputs: inFeatures, weights: inFeatures * outFeatures, outputs: outFeatures,
    seed: UInt64(inFeatures * 1000 + outFeatures))
  let reference = operands.withPointers(outputCount: outFeatures) { x, w, b, m, s, o in
    LinearInt8.run(
      inFeatures: inFeatures, outFeatures: outFeatures, stage: operands.stage, input: x, weight: w, bias: b,
      multiplier: m, shift: s, output: o)
  }
  // Both fast paths (sessions take `runByteDot` where `prefersByteDot`), in three parts.
  let paths: [(String, (LinearInt8.Operands, Range<Int>) -> Void)] = [
    ("pairwise", LinearInt8.runSIMD), ("byte dot", LinearInt8.runByteDot),
  ]
  for (name, run) in paths {
    let fast = operands.withPointers(outputCount: outFeatures) { x, w, b, m, s, o in
      let layer = LinearInt8.Operands(
        inFeatures: inFeatures, outFeatures: outFeatures, stage: operands.stage, input: x, weight: w, bias: b,
        multiplier: m, shift: s, output: o)
      for part in 0..<3 { run(layer, ExecutionStep.share(part, of: 3, count: outFeatures)) }
    }
    #expect(fast == reference, "\(inFeatures)x\(outFeatures) \(name)")
  }
}

@Test(arguments: depthwiseCases.indices)
func depthwiseInt8ConvMatchesPlainInt8Conv(caseIndex: Int) {
  // Both lane widths in every build (sessions choose by `prefersWideLanes`).
  let k = depthwiseCases[caseIndex]
  let operands = Int8Operands(
    inputs: k.c * k.h * k.w, weights: k.o * k.kh * k.kw, outputs: k.o, seed: UInt64(1900 + caseIndex))
  depthwiseInt8ConvMatchesPlainInt8Conv(k, operands, lane: SIMD8<Float>.self)
  depthwiseInt8ConvMatchesPlainInt8Conv(k, operands, lane: SIMD16<Float>.self)
}

/// The float lanes' sums at the bound that keeps them exact (`sumsAreExact`): 121
/// taps (11x11) of the largest products, 255 · 128 = 32,640 in magnitude, of either
/// sign, which sum to 3,949,440 in magnitude at the interior pixels. Two channels'
/// biases cancel that sum and the rescale is about 1 (multiplier `Int32.max`, shift 0),
/// so an interior output is the sum's last units and one unit off changes it; the
/// third channel's large bias (added as an integer) saturates.
@Test(arguments: [(Int32(127), Int32(-128)), (-128, 127)])
func depthwiseInt8SumsAreExactAtTheirBound(input: Int32, zeroPoint: Int32) {
  let k = ConvCase(c: 3, h: 13, w: 20, o: 3, kh: 11, kw: 11, pads: (5, 5, 5, 5), groups: 3)
  #expect(Int8DepthwiseEpilogue<SIMD8<Float>>.sumsAreExact(k.geometry))
  var tooLarge = k.geometry
  tooLarge.kernelWidth = 12  // 132 taps
  #expect(!Int8DepthwiseEpilogue<SIMD8<Float>>.sumsAreExact(tooLarge))
  let interiorSum = 121 * (input - zeroPoint) * -128
  #expect(abs(interiorSum) == 3_949_440)
  let operands = extremeInt8Operands(
    k, input: input, zeroPoint: zeroPoint, biases: [-interiorSum + 37, -interiorSum - 91, 1_500_000_000])
  let reference = plainInt8Conv(k, operands)
  // The interior pixels (rows 5...7, columns 5...14) hold the bias's offset exactly.
  let interior = 5 * k.ow + 5
  #expect(reference[interior] == 37 && reference[k.oh * k.ow + interior] == -91)
  depthwiseInt8ConvMatchesPlainInt8Conv(k, operands, lane: SIMD8<Float>.self)
  depthwiseInt8ConvMatchesPlainInt8Conv(k, operands, lane: SIMD16<Float>.self)
}

/// Operands whose every product is the largest of its sign, 255 · 128 in magnitude:
/// every input `input`, against zero point `zeroPoint`, every weight −128; a rescale of
/// about 1 (multiplier `Int32.max`, shift 0) and the biases `biases`, one per output
/// channel, so that an output is its sum's last units.
func extremeInt8Operands(_ k: ConvCase, input: Int32, zeroPoint: Int32, biases: [Int32]) -> Int8Operands {
  var operands = Int8Operands(
    inputs: k.c * k.h * k.w, weights: k.o * (k.c / k.groups) * k.kh * k.kw, outputs: k.o, seed: 5)
  operands.input = [Int8](repeating: Int8(input), count: operands.input.count)
  operands.weight = [Int8](repeating: -128, count: operands.weight.count)
  operands.bias = biases
  operands.multiplier = [Int32](repeating: .max, count: k.o)
  operands.shift = [Int32](repeating: 0, count: k.o)
  operands.stage = Int8OutputStage(inputZeroPoint: zeroPoint, outputZeroPoint: 0, outputMin: -128, outputMax: 127)
  return operands
}

/// The plain int8 kernel's output for `k` (`Conv2DInt8`, the reference).
func plainInt8Conv(_ k: ConvCase, _ operands: Int8Operands) -> [Int8] {
  operands.withPointers(outputCount: k.o * k.oh * k.ow) { x, w, b, m, s, o in
    Conv2DInt8.run(
      k.geometry, stage: operands.stage, input: x, weight: w, bias: b, multiplier: m, shift: s, output: o)
  }
}

/// Expects a kernel to give `plainInt8Conv`'s bytes when run whole and cut into parts
/// as sessions cut depthwise layers (`ExecutionStep.depthwiseCut`), in each order of
/// `depthwisePartOrders`, with a scratch of `scratchCount` floats per part full of NaNs.
/// `run` computes one part: the operands' pointers, the scratch, the part's channels and
/// rows, and the part's index.
func expectPartsMatchPlainInt8Conv(
  _ k: ConvCase, _ operands: Int8Operands, scratchCount: Int, _ label: String,
  run: (
    _ input: UnsafeRawPointer, _ weight: UnsafeRawPointer, _ bias: UnsafeRawPointer, _ multiplier: UnsafeRawPointer,
    _ shift: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ scratch: UnsafeMutablePointer<Float>,
    _ channels: Range<Int>, _ rows: Range<Int>, _ part: Int
  ) -> Void
) {
  let reference = plainInt8Conv(k, operands)
  #expect(Set(reference).count > 2, "\(k): the case should not saturate everything")
  for order in depthwisePartOrders {
    let parts = order.count
    var scratch = [Float](repeating: .nan, count: parts * scratchCount)
    let fast = operands.withPointers(outputCount: reference.count) { x, w, b, m, s, o in
      scratch.withUnsafeMutableBufferPointer { sp in
        for part in order {
          let cut = ExecutionStep.depthwiseCut(part, of: parts, k.geometry)
          run(x, w, b, m, s, o, sp.baseAddress!, cut.items, cut.rows, part)
        }
      }
    }
    #expect(fast == reference, "\(k) parts \(order) \(label)")
  }
}

func depthwiseInt8ConvMatchesPlainInt8Conv<Lane: Int8DepthwiseLane>(
  _ k: ConvCase, _ operands: Int8Operands, lane: Lane.Type
) {
  typealias Kernel = Int8DepthwiseConv2D<Lane>
  let g = k.geometry
  #expect(Kernel.isEligible(g) && Int8DepthwiseEpilogue<Lane>.sumsAreExact(g), "\(k)")
  expectPartsMatchPlainInt8Conv(k, operands, scratchCount: Kernel.scratchCount(g), "lanes \(Lane.scalarCount)") {
    x, w, b, m, s, o, scratch, channels, rows, part in
    let conv = Kernel(
      geometry: g, input: x, scratch: scratch, weights: w,
      epilogue: Int8DepthwiseEpilogue(
        stage: operands.stage, biases: b, multiplier: m, shift: s, output: o, outPlane: k.oh * k.ow))
    conv.run(channels: channels, rows: rows, part: part)
  }
}

/// `exactFloats` and `exactIntegers` (and the scalar `exactInteger`) against the
/// standard library's conversions, over the whole range they are for, |v| < 2^22.
@Test func exactFloatConversionsRoundTrip() {
  var rng = SeededRandom(seed: 0xF10A7)
  let limit: Int32 = (1 << 22) - 1
  let edges: [Int32] = [0, 1, -1, 255, -255, 32_640, -32_640, limit, -limit, 3_949_440, -3_949_440]
  for round in 0..<500 {
    var values = SIMD16<Int32>()
    for lane in 0..<16 {
      values[lane] = round == 0 ? edges[lane % edges.count] : Int32.random(in: -limit...limit, using: &rng)
    }
    let floats = values.exactFloats
    for lane in 0..<16 {
      #expect(floats[lane] == Float(values[lane]), "round \(round) lane \(lane)")
      #expect(floats[lane].exactInteger == values[lane])
    }
    #expect(floats.exactIntegers == values)
    #expect(values.lowHalf.exactFloats == floats.lowHalf)
    #expect(floats.highHalf.exactIntegers == values.highHalf)
  }
}

@Test func vectorRequantizationMatchesScalarRequantization() {
  var rng = SeededRandom(seed: 77)
  // Edges of the 16-bit halves the vector form splits into, and of the saturations.
  let edges: [Int32] = [
    .min, .min + 1, -1 << 30, -65537, -65536, -65535, -32769, -32768, -3, -1, 0, 1, 3, 32767, 32768,
    65535, 65536, 65537, 1 << 30, .max - 1, .max,
  ]
  let stage = Int8OutputStage(inputZeroPoint: 0, outputZeroPoint: -7, outputMin: -128, outputMax: 100)
  for round in 0..<40_000 {
    var x = SIMD8<Int32>(), m = SIMD8<Int32>(), s = SIMD8<Int32>()
    for lane in 0..<8 {
      x[lane] =
        round < 400
        ? edges[(round + lane * 3) % edges.count] : Int32(truncatingIfNeeded: rng.next() >> (rng.next() % 40))
      switch round % 7 {
      case 0: m[lane] = [0, .max, 1 << 30][lane % 3]
      // Outside what validation admits; the vector form still gives the scalar bits.
      case 1: m[lane] = round < 400 ? edges[(round / 7 + lane) % edges.count] : Int32(truncatingIfNeeded: rng.next())
      default: m[lane] = Int32.random(in: 0...Int32.max, using: &rng)
      }
      s[lane] = Int32.random(in: Requantization.shiftRange, using: &rng)
    }
    let vector = Requantization.multiplyInVectorLanes(x, by: m, shift: s)
    let values = stage.finish(x, multiplier: m, shift: s)
    for lane in 0..<8 {
      #expect(
        vector[lane] == Requantization.multiply(x[lane], by: m[lane], shift: s[lane]),
        "x \(x[lane]) m \(m[lane]) s \(s[lane])")
      #expect(
        values[lane] == stage.finish(x[lane], multiplier: m[lane], shift: s[lane]),
        "x \(x[lane]) m \(m[lane]) s \(s[lane])")
    }
  }
}

@Test func uniformRescaleMatchesScalarRequantization() {
  var rng = SeededRandom(seed: 78)
  let edges: [Int32] = [
    .min, .min + 1, -1 << 30, -65537, -65536, -32768, -3, -2, -1, 0, 1, 2, 3, 32767, 65536, 1 << 30, .max - 1, .max,
  ]
  // Every shift a model may hold, the saturating left shifts included, and the
  // multipliers' extremes (Int32.min and negatives lie outside what validation admits).
  let multipliers: [Int32] = [0, 1, 1 << 30, .max, .min, -7]
  for round in 0..<6_000 {
    let shift = Requantization.shiftRange.lowerBound + Int32(round % Requantization.shiftRange.count)
    let multiplier =
      round < 1_000 ? multipliers[round % multipliers.count] : Int32.random(in: 0...Int32.max, using: &rng)
    let rescale = UniformRescale(Rescale(multiplier: multiplier, shift: shift))
    var x = SIMD16<Int32>()
    for lane in 0..<16 {
      x[lane] =
        round < 2_000
        ? edges[(round + lane * 5) % edges.count] : Int32(truncatingIfNeeded: rng.next() >> (rng.next() % 40))
    }
    let vector = rescale.apply(x)
    for lane in 0..<16 {
      #expect(
        vector[lane] == Requantization.multiply(x[lane], by: multiplier, shift: shift),
        "x \(x[lane]) m \(multiplier) s \(shift)")
    }
  }
}

@Test(arguments: [(64, 32, 32), (3, 7, 5), (9, 1, 13), (16, 8, 8)])
func int8ChannelAffineMatchesPlainInt8Conv(channels: Int, height: Int, width: Int) {
  let k = ConvCase(c: channels, h: height, w: width, o: channels, kh: 1, kw: 1, groups: channels)
  let g = k.geometry
  #expect(ChannelAffineInt8.isEligible(g), "\(k)")
  let operands = Int8Operands(
    inputs: channels * height * width, weights: channels, outputs: channels, seed: UInt64(2300 + channels))
  let count = channels * height * width
  let reference = operands.withPointers(outputCount: count) { x, w, b, m, s, o in
    Conv2DInt8.run(g, stage: operands.stage, input: x, weight: w, bias: b, multiplier: m, shift: s, output: o)
  }
  #expect(Set(reference).count > 2, "\(k): the case should not saturate everything")
  for parts in [1, 2, 3] {
    let fast = operands.withPointers(outputCount: count) { x, w, b, m, s, o in
      let affine = ChannelAffineInt8(
        channels: channels, plane: height * width, stage: operands.stage, input: x, scale: w, bias: b,
        multiplier: m, shift: s, output: o)
      for part in (0..<parts).reversed() { affine.run(channels: ExecutionStep.share(part, of: parts, count: channels)) }
    }
    #expect(fast == reference, "\(k) parts \(parts)")
  }
  // In place, as the planner runs it when the input dies here.
  var inPlace = operands.input
  inPlace.withUnsafeMutableBytes { io in
    operands.weight.withUnsafeBytes { w in
      operands.bias.withUnsafeBytes { b in
        operands.multiplier.withUnsafeBytes { m in
          operands.shift.withUnsafeBytes { s in
            ChannelAffineInt8(
              channels: channels, plane: height * width, stage: operands.stage,
              input: UnsafeRawPointer(io.baseAddress!),
              scale: w.baseAddress!, bias: b.baseAddress!, multiplier: m.baseAddress!, shift: s.baseAddress!,
              output: io.baseAddress!
            ).run(channels: 0..<channels)
          }
        }
      }
    }
  }
  #expect(inPlace == reference, "\(k) in place")
}

@Test(arguments: [
  PoolCase(c: 3, h: 32, w: 32, kh: 2, kw: 2, sh: 2, sw: 2),
  PoolCase(c: 2, h: 7, w: 69, kh: 2, kw: 2, sh: 2, sw: 2),  // odd sizes: the last row and column are dropped
  PoolCase(c: 5, h: 16, w: 16, kh: 2, kw: 2, sh: 2, sw: 2),  // rows narrower than a vector
])
func int8MaxPool2x2EqualsPlainInt8Pool(p: PoolCase) {
  let g = p.geometry(.max)
  #expect(Pool2D.isMax2x2(g), "\(p)")
  var rng = SeededRandom(seed: UInt64(p.h * 100 + p.w))
  var x = (0..<p.c * p.h * p.w).map { _ in Int8(truncatingIfNeeded: rng.next()) }
  // The limits, in a window of the vector part and of the tail.
  x[0] = .min
  x[1] = .max
  x[x.count - 2] = .min
  var reference = [Int8](repeating: 0, count: p.c * p.oh * p.ow)
  var fast = [Int8](repeating: 0x55, count: reference.count)
  x.withUnsafeBytes { input in
    reference.withUnsafeMutableBytes { PoolInt8.run(g, input: input.baseAddress!, output: $0.baseAddress!) }
    fast.withUnsafeMutableBytes { out in
      for part in 0..<2 {
        PoolInt8.runMax2x2(
          g, channels: ExecutionStep.share(part, of: 2, count: p.c), input: input.baseAddress!, output: out.baseAddress!
        )
      }
    }
  }
  #expect(fast == reference, "\(p)")
}
