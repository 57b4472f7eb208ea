import Testing

@testable import SlimCompiler
@testable import SlimRuntime

/// Every runtime int8 kernel against the int8 reference engine, bit for bit, on random
/// shapes and parameters, with zero points at the int8 limits and multipliers large
/// enough to saturate.
@Suite struct Int8KernelTests {
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func int8s(_ count: Int) -> [Int8] { (0..<count).map { _ in Int8(truncatingIfNeeded: next()) } }
    /// Zero points: the limits half the time, random otherwise.
    mutating func zeroPoint() -> Int32 { [-128, 127, Int32(int(-128...127))][int(0...2)] }
    mutating func multiplier(saturating: Bool) -> FixedPointMultiplier {
      FixedPointMultiplier(
        multiplier: Int32(int(1 << 30...Int(Int32.max))), shift: Int32(saturating ? int(-4...12) : int(-31...(-6))))
    }
  }

  @Test func requantizationMatchesTheSpecFormula() {
    var random = Random(state: 1)
    let edges: [Int32] = [.min, .min + 1, -1 << 30, -3, -1, 0, 1, 3, 1 << 30, .max - 1, .max]
    let multipliers: [Int32] = [0, 1, 1 << 30, (1 << 30) + 1, .max - 1, .max]
    for x in edges {
      for m in multipliers {
        for shift in Int32(-31)...30 {
          let expected = Int8Arithmetic.requantize(x, FixedPointMultiplier(multiplier: m, shift: shift))
          #expect(Requantization.multiply(x, by: m, shift: shift) == expected, "x \(x) m \(m) shift \(shift)")
        }
      }
    }
    for _ in 0..<100_000 {
      let x = Int32(truncatingIfNeeded: random.next() >> UInt64(random.int(0...40)))
      let m = Int32(truncatingIfNeeded: random.next() & 0x7FFF_FFFF)
      let shift = Int32(random.int(-31...30))
      let expected = Int8Arithmetic.requantize(x, FixedPointMultiplier(multiplier: m, shift: shift))
      #expect(Requantization.multiply(x, by: m, shift: shift) == expected, "x \(x) m \(m) shift \(shift)")
    }
  }

  @Test func fixedPointMultiplierRepresentsTheRealFactor() {
    for real in [1e-9, 0.000_123, 0.0153, 0.5, 0.75, 0.999_999_999_9, 1, 3.7, 1000] {
      let m = FixedPointMultiplier(real)
      #expect(m.multiplier >= 1 << 30)
      #expect(abs(m.real - real) <= real * 1e-9, "\(real) → \(m)")
    }
    #expect(FixedPointMultiplier(0) == FixedPointMultiplier(multiplier: 0, shift: 0))
  }

  static func weights(
    _ random: inout Random, shape: [Int], saturating: Bool, clamp: Bool
  ) -> QuantizedWeights {
    let channels = shape[0]
    let low = clamp ? Int32(random.int(-128...0)) : -128
    return QuantizedWeights(
      weight: random.int8s(shape.reduce(1, *)).map { max($0, -127) }, shape: shape,
      scales: [Float](repeating: 1, count: channels),
      bias: (0..<channels).map { _ in Int32(random.int(-100_000...100_000)) },
      requantization: (0..<channels).map { _ in random.multiplier(saturating: saturating) },
      inputZeroPoint: random.zeroPoint(), outputZeroPoint: random.zeroPoint(), outputMin: low,
      outputMax: clamp ? Int32(random.int(Int(low)...127)) : 127)
  }

  static func int32Bytes(_ values: [Int32]) -> [Int32] { values }

  @Test(arguments: 0..<40)
  func convolutionIsBitExact(seed: Int) {
    var random = Random(state: UInt64(seed) &* 7919)
    let groups = [1, 1, 2, 3][random.int(0...3)]
    let c = groups * random.int(1...3), o = groups * random.int(1...3)
    let (kh, kw) = (random.int(1...3), random.int(1...3))
    let (h, w) = (random.int(kh...9), random.int(kw...9))
    var layer = GraphOperation.Conv2D(weight: Tensor(zeros: [o, c / groups, kh, kw]), groups: groups)
    layer.stride = (random.int(1...2), random.int(1...2))
    layer.padding = (random.int(0...kh - 1), random.int(0...kw - 1), random.int(0...kh - 1), random.int(0...kw - 1))
    layer.dilation = (random.int(1...2), 1)
    let oh = GraphOperation.windowCount(
      h, kernel: kh, stride: layer.stride.h, padBefore: layer.padding.top, padAfter: layer.padding.bottom,
      dilation: layer.dilation.h, ceil: false)
    let ow = GraphOperation.windowCount(
      w, kernel: kw, stride: layer.stride.w, padBefore: layer.padding.left, padAfter: layer.padding.right,
      dilation: 1, ceil: false)
    guard oh >= 1, ow >= 1 else { return }
    let q = Self.weights(&random, shape: [o, c / groups, kh, kw], saturating: seed % 2 == 0, clamp: seed % 3 == 0)
    let x = random.int8s(c * h * w)
    let expected = Int8ReferenceEngine.convolve(
      x, shape: [1, c, h, w], QuantizedConv2D(layer: layer, weights: q), outputShape: [1, o, oh, ow])
    let g = Conv2D.Geometry(
      inChannels: c, inHeight: h, inWidth: w, outChannels: o, outHeight: oh, outWidth: ow, kernelHeight: kh,
      kernelWidth: kw, strideH: layer.stride.h, strideW: layer.stride.w, padTop: layer.padding.top,
      padLeft: layer.padding.left, dilationH: layer.dilation.h, dilationW: 1, groups: groups)
    let stage = Int8OutputStage(
      inputZeroPoint: q.inputZeroPoint, outputZeroPoint: q.outputZeroPoint, outputMin: q.outputMin,
      outputMax: q.outputMax)
    var output = [Int8](repeating: 0, count: expected.count)
    x.withUnsafeBytes { xb in
      q.weight.withUnsafeBytes { wb in
        q.bias.withUnsafeBytes { bb in
          q.requantization.map(\.multiplier).withUnsafeBytes { mb in
            q.requantization.map(\.shift).withUnsafeBytes { sb in
              output.withUnsafeMutableBytes { ob in
                Conv2DInt8.run(
                  g, stage: stage, input: xb.baseAddress!, weight: wb.baseAddress!, bias: bb.baseAddress!,
                  multiplier: mb.baseAddress!, shift: sb.baseAddress!, output: ob.baseAddress!)
              }
            }
          }
        }
      }
    }
    #expect(output == expected, "\(g)")
    if seed % 2 == 0 { #expect(output.contains(.min) || output.contains(.max) || q.outputMin > -128) }
  }

  @Test(arguments: 0..<20)
  func linearIsBitExact(seed: Int) {
    var random = Random(state: UInt64(seed) &+ 99)
    let (inF, outF) = (random.int(1...300), random.int(1...12))
    let q = Self.weights(&random, shape: [outF, inF], saturating: seed % 2 == 0, clamp: seed % 3 == 0)
    let x = random.int8s(inF)
    let expected = Int8ReferenceEngine.fullyConnect(x, q)
    let stage = Int8OutputStage(
      inputZeroPoint: q.inputZeroPoint, outputZeroPoint: q.outputZeroPoint, outputMin: q.outputMin,
      outputMax: q.outputMax)
    var output = [Int8](repeating: 0, count: outF)
    x.withUnsafeBytes { xb in
      q.weight.withUnsafeBytes { wb in
        q.bias.withUnsafeBytes { bb in
          q.requantization.map(\.multiplier).withUnsafeBytes { mb in
            q.requantization.map(\.shift).withUnsafeBytes { sb in
              output.withUnsafeMutableBytes { ob in
                LinearInt8.run(
                  inFeatures: inF, outFeatures: outF, stage: stage, input: xb.baseAddress!, weight: wb.baseAddress!,
                  bias: bb.baseAddress!, multiplier: mb.baseAddress!, shift: sb.baseAddress!, output: ob.baseAddress!)
              }
            }
          }
        }
      }
    }
    #expect(output == expected)
  }

  @Test(arguments: 0..<40)
  func poolingIsBitExact(seed: Int) {
    var random = Random(state: UInt64(seed) &+ 5)
    let kernel = random.int(1...3)
    var pool = GraphOperation.Pool2D(
      kernel: kernel, stride: random.int(1...3), padding: random.int(0...(kernel - 1) / 2 + (kernel > 1 ? 0 : 0)),
      ceilMode: seed % 2 == 1, countIncludePad: seed % 4 < 2)
    pool.padding.bottom = min(pool.padding.bottom, kernel / 2)
    let (c, h, w) = (random.int(1...4), random.int(kernel...9), random.int(kernel...9))
    let oh = GraphOperation.windowCount(
      h, kernel: kernel, stride: pool.stride.h, padBefore: pool.padding.top, padAfter: pool.padding.bottom,
      dilation: 1, ceil: pool.ceilMode)
    let ow = GraphOperation.windowCount(
      w, kernel: kernel, stride: pool.stride.w, padBefore: pool.padding.left, padAfter: pool.padding.right,
      dilation: 1, ceil: pool.ceilMode)
    // Saturated inputs (all -128 or 127) half the time.
    let x = seed % 5 == 0 ? [Int8](repeating: seed % 2 == 0 ? .min : .max, count: c * h * w) : random.int8s(c * h * w)
    for isMax in [true, false] {
      let expected =
        isMax
        ? Int8ReferenceEngine.maxPool(x, shape: [1, c, h, w], pool, outputShape: [1, c, oh, ow])
        : Int8ReferenceEngine.averagePool(x, shape: [1, c, h, w], pool, outputShape: [1, c, oh, ow])
      let g = Pool2D.Geometry(
        channels: c, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, kernelHeight: kernel, kernelWidth: kernel,
        strideH: pool.stride.h, strideW: pool.stride.w, padTop: pool.padding.top, padLeft: pool.padding.left,
        padBottom: pool.padding.bottom, padRight: pool.padding.right,
        mode: isMax ? .max : .average(countIncludePad: pool.countIncludePad))
      var output = [Int8](repeating: 0, count: expected.count)
      x.withUnsafeBytes { xb in
        output.withUnsafeMutableBytes { PoolInt8.run(g, input: xb.baseAddress!, output: $0.baseAddress!) }
      }
      #expect(output == expected, "\(g)")
    }
    let global = Int8ReferenceEngine.globalAveragePool(x, shape: [1, c, h, w])
    var output = [Int8](repeating: 0, count: c)
    x.withUnsafeBytes { xb in
      output.withUnsafeMutableBytes {
        PoolInt8.globalAverage(channels: c, spatial: h * w, input: xb.baseAddress!, output: $0.baseAddress!)
      }
    }
    #expect(output == global)
  }

  @Test func averagesRoundHalfAwayFromZero() {
    // Sums ±2 and ±6 over 4: ±0.5 → ±1, ±1.5 → ±2.
    #expect(PoolInt8.roundedAverage(2, count: 4) == 1)
    #expect(PoolInt8.roundedAverage(-2, count: 4) == -1)
    #expect(PoolInt8.roundedAverage(6, count: 4) == 2)
    #expect(PoolInt8.roundedAverage(-6, count: 4) == -2)
    #expect(PoolInt8.roundedAverage(-5, count: 4) == -1)
  }

  @Test(arguments: 0..<20)
  func addIsBitExact(seed: Int) {
    var random = Random(state: UInt64(seed) &+ 1234)
    // Tails of the 16-lane loop, under and over the scalar path's table threshold.
    let count = seed % 4 == 0 ? random.int(1...40) : random.int(AddInt8.tableThreshold...1_200)
    let (a, b) = (random.int8s(count), random.int8s(count))
    let (sa, sb, so) = (
      Double(random.int(1...1000)) / 997, Double(random.int(1...1000)) / 991,
      Double(random.int(1...1000)) / (seed % 2 == 0 ? 100_000 : 983)
    )
    let twiceMax = 2 * max(sa, sb)
    let low = seed % 3 == 0 ? Int32(random.int(-128...0)) : -128
    let p = QuantizedAdd(
      aZeroPoint: random.zeroPoint(), bZeroPoint: random.zeroPoint(), outputZeroPoint: random.zeroPoint(),
      a: FixedPointMultiplier(sa / twiceMax), b: FixedPointMultiplier(sb / twiceMax),
      output: FixedPointMultiplier(twiceMax / (Double(1 << 20) * so)), outputMin: low, outputMax: 127)
    let expected = Int8ReferenceEngine.add(a, b, p)
    let parameters = AddInt8.Parameters(
      aZeroPoint: p.aZeroPoint, bZeroPoint: p.bZeroPoint, outputZeroPoint: p.outputZeroPoint,
      a: Rescale(multiplier: p.a.multiplier, shift: p.a.shift),
      b: Rescale(multiplier: p.b.multiplier, shift: p.b.shift),
      output: Rescale(multiplier: p.output.multiplier, shift: p.output.shift), outputMin: p.outputMin,
      outputMax: p.outputMax)
    var output = [Int8](repeating: 0, count: count)
    a.withUnsafeBytes { ab in
      b.withUnsafeBytes { bb in
        output.withUnsafeMutableBytes {
          AddInt8.run(count: count, parameters, a: ab.baseAddress!, b: bb.baseAddress!, output: $0.baseAddress!)
        }
      }
    }
    #expect(output == expected)
    // The firmware's path: tabulated from `AddInt8.tableThreshold` elements on.
    var scalar = [Int8](repeating: 0, count: count)
    a.withUnsafeBytes { ab in
      b.withUnsafeBytes { bb in
        scalar.withUnsafeMutableBytes {
          AddInt8.runScalar(count: count, parameters, a: ab.baseAddress!, b: bb.baseAddress!, output: $0.baseAddress!)
        }
      }
    }
    #expect(scalar == expected)
    // The session adds in place, into the first input's buffer.
    var inPlace = a
    inPlace.withUnsafeMutableBytes { ab in
      b.withUnsafeBytes { bb in
        AddInt8.run(count: count, parameters, a: ab.baseAddress!, b: bb.baseAddress!, output: ab.baseAddress!)
      }
    }
    #expect(inPlace == expected)
    if seed % 2 == 0 { #expect(output.contains(.min) || output.contains(.max) || low > -128) }
  }

  /// The one-rounding add, vector and scalar, out of place and over either input,
  /// against the `Int64` reference; scale ratios from about 10^-6 to 10^4 (shifts 30
  /// down to about 9), shifts of 1...4 where ties are common, and multipliers at the
  /// format's bound with inputs at the int8 extremes, where a wrap in the kernels'
  /// int32 arithmetic would show.
  @Test(arguments: 0..<24)
  func singleRoundingAddIsBitExact(seed: Int) throws {
    var random = Random(state: UInt64(seed) &+ 4321)
    let count = seed % 3 == 0 ? random.int(1...40) : random.int(200...1_200)
    var (a, b) = (random.int8s(count), random.int8s(count))
    let low = seed % 3 == 1 ? Int32(random.int(-128...0)) : -128
    let p: QuantizedSingleRoundingAdd
    if seed % 4 == 3 {
      let shift = Int32(random.int(1...30))
      let room = (Int64(1) << 31) - 1 - (Int64(1) << (shift - 1))
      let aMultiplier = Int64(random.int(0...Int(room / 255)))
      p = QuantizedSingleRoundingAdd(
        aZeroPoint: seed % 8 == 3 ? -128 : 127, bZeroPoint: seed % 8 == 3 ? 127 : -128, outputZeroPoint: 0,
        aMultiplier: Int32(aMultiplier), bMultiplier: Int32(room / 255 - aMultiplier), shift: shift, outputMin: low,
        outputMax: 127)
      for i in 0..<count where i % 2 == 0 { (a[i], b[i]) = seed % 8 == 3 ? (127, -128) : (-128, 127) }
    } else if seed % 4 == 2 {
      // Shifts of 1...4 with multipliers up to 2^S: sums often fall on a tie, which rounds up.
      let shift = Int32(random.int(1...4))
      p = QuantizedSingleRoundingAdd(
        aZeroPoint: random.zeroPoint(), bZeroPoint: random.zeroPoint(), outputZeroPoint: random.zeroPoint(),
        aMultiplier: Int32(random.int(1...(1 << Int(shift)))), bMultiplier: Int32(random.int(1...(1 << Int(shift)))),
        shift: shift, outputMin: low, outputMax: 127)
    } else {
      let powers: [Double] = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]
      let scale = { (exponents: ClosedRange<Int>) in
        Float(Double(random.int(100...999)) / 100 * powers[random.int(exponents)])
      }
      // Ratios sa / so from about 10^-6 to 10^4.
      let (sa, sb, so) = (scale(1...5), scale(1...5), scale(0...6))
      p = try #require(
        QuantizedSingleRoundingAdd(
          a: QuantizationParameters(scale: sa, zeroPoint: random.zeroPoint()),
          b: QuantizationParameters(scale: sb, zeroPoint: random.zeroPoint()),
          output: QuantizationParameters(scale: so, zeroPoint: random.zeroPoint()), clamp: low...127))
    }
    #expect(SingleRoundingBounds.addIsExact(aMultiplier: p.aMultiplier, bMultiplier: p.bMultiplier, shift: p.shift))
    let expected = Int8ReferenceEngine.add(a, b, p)
    let parameters = AddInt8SingleRounding.Parameters(
      aZeroPoint: p.aZeroPoint, bZeroPoint: p.bZeroPoint, outputZeroPoint: p.outputZeroPoint,
      aMultiplier: p.aMultiplier, bMultiplier: p.bMultiplier, shift: p.shift, outputMin: p.outputMin,
      outputMax: p.outputMax)
    func add(
      _ kernel: (Int, AddInt8SingleRounding.Parameters, UnsafeRawPointer, UnsafeRawPointer, UnsafeMutableRawPointer)
        -> Void
    ) -> [Int8] {
      var output = [Int8](repeating: 0, count: count)
      a.withUnsafeBytes { ab in
        b.withUnsafeBytes { bb in
          output.withUnsafeMutableBytes { kernel(count, parameters, ab.baseAddress!, bb.baseAddress!, $0.baseAddress!) }
        }
      }
      return output
    }
    #expect(add { AddInt8SingleRounding.run(count: $0, $1, a: $2, b: $3, output: $4) } == expected)
    #expect(add { AddInt8SingleRounding.runScalar(count: $0, $1, a: $2, b: $3, output: $4) } == expected)
    var overA = a, overB = b
    overA.withUnsafeMutableBytes { ab in
      b.withUnsafeBytes {
        AddInt8SingleRounding.run(
          count: count, parameters, a: ab.baseAddress!, b: $0.baseAddress!, output: ab.baseAddress!)
      }
    }
    overB.withUnsafeMutableBytes { bb in
      a.withUnsafeBytes {
        AddInt8SingleRounding.run(
          count: count, parameters, a: $0.baseAddress!, b: bb.baseAddress!, output: bb.baseAddress!)
      }
    }
    #expect(overA == expected && overB == expected)
  }

  /// The multipliers are the scale ratios to within half a unit of the largest
  /// shift the format allows; a shift one larger would break the int32 bound.
  @Test(arguments: [(0.5, 0.25, 1.0), (1e-6, 3e-7, 1), (1, 1, 1e-4), (7.3, 0.001, 2.9), (3e3, 1e3, 1e-3)])
  func singleRoundingAddTakesTheLargestShift(sa: Double, sb: Double, so: Double) throws {
    let (pa, pb, po) = (
      QuantizationParameters(scale: Float(sa), zeroPoint: 3), QuantizationParameters(scale: Float(sb), zeroPoint: -7),
      QuantizationParameters(scale: Float(so), zeroPoint: 1)
    )
    let add = try #require(QuantizedSingleRoundingAdd(a: pa, b: pb, output: po, clamp: -128...127))
    let unit = Double(sign: .plus, exponent: Int(add.shift), significand: 1)
    let ra = Double(pa.scale) / Double(po.scale), rb = Double(pb.scale) / Double(po.scale)
    #expect(abs(Double(add.aMultiplier) - ra * unit) <= 0.5 && abs(Double(add.bMultiplier) - rb * unit) <= 0.5)
    #expect(
      SingleRoundingBounds.addIsExact(aMultiplier: add.aMultiplier, bMultiplier: add.bMultiplier, shift: add.shift))
    if add.shift < 30 {
      let (ma, mb) = ((ra * 2 * unit).rounded(), (rb * 2 * unit).rounded())
      #expect(!SingleRoundingBounds.addIsExact(aMultiplier: Int32(ma), bMultiplier: Int32(mb), shift: add.shift + 1))
      // So the larger multiplier keeps at least 21 bits.
      #expect(max(add.aMultiplier, add.bMultiplier) >= 1 << 21)
    }
    // Output scales 2^22 times finer than the inputs' leave no shift: opcode 27 takes those.
    #expect(
      QuantizedSingleRoundingAdd(
        a: pa, b: pb, output: QuantizationParameters(scale: Float(sa) / 0x1p23, zeroPoint: 0), clamp: -128...127) == nil
    )
  }

  /// The per-channel scale and shift, vector and scalar (planes of 1...40 elements
  /// and larger), whole, in two channel ranges as two threads run it, and in place,
  /// against the `Int64` reference. Every third seed puts channels at the format's
  /// bound (`128·|M| + |B| = 2^31 − 1`) with inputs at −128, where a wrap would show.
  @Test(arguments: 0..<24)
  func scaleShiftIsBitExact(seed: Int) throws {
    var random = Random(state: UInt64(seed) &+ 8765)
    let channels = random.int(1...9)
    let (height, width) =
      seed % 2 == 0 ? (random.int(1...5), random.int(1...8)) : (random.int(4...20), random.int(4...20))
    let plane = height * width
    var x = random.int8s(channels * plane)
    let low = seed % 3 == 1 ? Int32(random.int(-128...0)) : -128
    var p: QuantizedScaleShift
    if seed % 3 == 2 {
      var multipliers: [Int32] = [], offsets: [Int32] = [], shifts: [Int32] = []
      for _ in 0..<channels {
        let m = Int64(random.int(-(1 << 22)...(1 << 22)))
        let room = (Int64(1) << 31) - 1 - 128 * abs(m)
        multipliers.append(Int32(m))
        offsets.append(Int32(random.int(0...1) == 0 ? room : -room))
        shifts.append(Int32(random.int(0...30)))
      }
      p = QuantizedScaleShift(
        multipliers: multipliers, offsets: offsets, shifts: shifts, outputMin: low, outputMax: 127)
      for i in x.indices where i % 3 == 0 { x[i] = -128 }
    } else {
      let real = { (bound: Int) in Float(random.int(-bound...bound)) / 100 }
      p = try #require(
        QuantizedScaleShift(
          scale: (0..<channels).map { _ in real(300) }, shift: (0..<channels).map { _ in real(500) },
          input: QuantizationParameters(scale: Float(random.int(1...100)) / 1000, zeroPoint: random.zeroPoint()),
          output: QuantizationParameters(scale: Float(random.int(1...100)) / 1000, zeroPoint: random.zeroPoint()),
          clamp: low...127))
    }
    for c in 0..<channels {
      #expect(
        SingleRoundingBounds.scaleShiftIsExact(multiplier: p.multipliers[c], offset: p.offsets[c], shift: p.shifts[c]))
    }
    let expected = Int8ReferenceEngine.scaleShift(x, shape: [1, channels, height, width], p)
    let constants = p.multipliers + p.offsets + p.shifts
    func run(inPlace: Bool, _ ranges: [Range<Int>]) -> [Int8] {
      var output = inPlace ? x : [Int8](repeating: 0, count: x.count)
      x.withUnsafeBytes { xb in
        constants.withUnsafeBytes { cb in
          output.withUnsafeMutableBytes { ob in
            let kernel = ScaleShiftInt8(
              channels: channels, plane: plane, outputMin: p.outputMin, outputMax: p.outputMax,
              input: inPlace ? UnsafeRawPointer(ob.baseAddress!) : xb.baseAddress!, constants: cb.baseAddress!,
              output: ob.baseAddress!)
            for range in ranges { kernel.run(channels: range) }
          }
        }
      }
      return output
    }
    let half = channels / 2
    #expect(run(inPlace: false, [0..<channels]) == expected)
    #expect(run(inPlace: false, [half..<channels, 0..<half]) == expected)
    #expect(run(inPlace: true, [0..<channels]) == expected)
  }

  /// The quantizer's constants round `u·x + v` (the affine in int8 units) once: every
  /// unclamped output is within half a unit of it, plus the constants' own rounding
  /// (`≤ (128 + 1)/2^(S+1)` units), for every int8 input; and the shift is the largest
  /// exact one.
  @Test(arguments: [
    (0.8, 0.3, 0.02, 0.03), (-1.7, 2.5, 0.05, 0.01), (3.0, -4.0, 0.1, 0.04), (0.001, 0.0, 0.02, 0.02),
  ])
  func scaleShiftRoundsTheAffineOnce(scale: Float, shift: Float, inputScale: Float, outputScale: Float) throws {
    let (input, output) = (
      QuantizationParameters(scale: inputScale, zeroPoint: -9), QuantizationParameters(scale: outputScale, zeroPoint: 5)
    )
    let p = try #require(
      QuantizedScaleShift(scale: [scale], shift: [shift], input: input, output: output, clamp: -128...127))
    let (m, b, s) = (p.multipliers[0], p.offsets[0], p.shifts[0])
    #expect(SingleRoundingBounds.scaleShiftIsExact(multiplier: m, offset: b, shift: s))
    let u = Double(scale) * Double(inputScale) / Double(outputScale)
    let v = Double(shift) / Double(outputScale) - u * -9 + 5
    if s < 30 {
      let unit = Double(sign: .plus, exponent: Int(s) + 1, significand: 1)
      let (m2, b2) = ((u * unit).rounded(), ((v + 0.5) * unit).rounded())
      #expect(128 * abs(m2) + abs(b2) >= 0x1p31, "shift \(s + 1) would have been exact")
    }
    let slack = 129 / Double(sign: .plus, exponent: Int(s) + 1, significand: 1)
    let xs = (-128...127).map { Int8($0) }
    for (x, y) in zip(xs, Int8ReferenceEngine.scaleShift(xs, shape: [1, 1, 1, 256], p)) where y > -128 && y < 127 {
      #expect(abs(Double(y) - (u * Double(x) + v)) <= 0.5 + slack, "x \(x): \(y) against \(u * Double(x) + v)")
    }
  }

  /// The int8 channel selection copies the selected planes, in the indexes' order,
  /// repeated or not, as the reference does.
  @Test(arguments: 0..<8)
  func gatherChannelsInt8IsBitExact(seed: Int) {
    var random = Random(state: UInt64(seed) &+ 99)
    let (channels, height, width) = (random.int(1...9), random.int(1...7), random.int(1...7))
    let x = random.int8s(channels * height * width)
    let indexes = (0..<random.int(1...12)).map { _ in random.int(0...(channels - 1)) }
    let expected = Int8ReferenceEngine.gatherChannels(x, shape: [1, channels, height, width], indexes)
    var output = [Int8](repeating: 0, count: indexes.count * height * width)
    x.withUnsafeBytes { xb in
      indexes.withUnsafeBufferPointer { ib in
        output.withUnsafeMutableBytes {
          GatherChannels.runInt8(spatial: height * width, indexes: ib, input: xb.baseAddress!, output: $0.baseAddress!)
        }
      }
    }
    #expect(output == expected)
  }

  @Test(arguments: 0..<20)
  func concatIsBitExact(seed: Int) {
    var random = Random(state: UInt64(seed) &+ 77)
    let axis = random.int(1...3)
    let n = random.int(1...4)
    var shapes: [[Int]] = []
    let base = [1, random.int(1...4), random.int(1...5), random.int(1...5)]
    for _ in 0..<n {
      var s = base
      s[axis] = random.int(1...4)
      shapes.append(s)
    }
    var outputShape = base
    outputShape[axis] = shapes.reduce(0) { $0 + $1[axis] }
    let inputs = shapes.map { random.int8s($0.reduce(1, *)) }
    let p = QuantizedConcat(
      axis: axis, outputZeroPoint: random.zeroPoint(), inputZeroPoints: (0..<n).map { _ in random.zeroPoint() },
      rescales: (0..<n).map { _ in FixedPointMultiplier(Double(random.int(1...4000)) / 1000) })
    let expected = Int8ReferenceEngine.concatenate(inputs, shapes: shapes, p, outputShape: outputShape)
    let outer = outputShape[..<axis].reduce(1, *)
    let inner = shapes.map { $0[axis...].reduce(1, *) }
    let rescales = zip(p.inputZeroPoints, p.rescales).map {
      ConcatInt8.InputRescale(zeroPoint: $0, rescale: Rescale(multiplier: $1.multiplier, shift: $1.shift))
    }
    var output = [Int8](repeating: 0, count: expected.count)
    let buffers = inputs.map { values -> UnsafeMutableRawPointer in
      let buffer = UnsafeMutableRawPointer.allocate(byteCount: values.count, alignment: 1)
      values.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: values.count) }
      return buffer
    }
    defer { buffers.forEach { $0.deallocate() } }
    output.withUnsafeMutableBytes {
      ConcatInt8.run(
        outerCount: outer, innerSizes: inner, outputZeroPoint: p.outputZeroPoint, rescales: rescales,
        inputs: buffers.map { UnsafeRawPointer($0) }, output: $0.baseAddress!)
    }
    #expect(output == expected)
  }

  @Test func quantizeAndDequantizeAreBitExact() {
    var random = Random(state: 42)
    var values: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, 1e30, -1e30, .leastNonzeroMagnitude]
    for _ in 0..<10_000 { values.append(Float(Int32(truncatingIfNeeded: random.next())) / 1e7) }
    for k in -300...300 { values.append((Float(k) + 0.5) * 0.02) }  // ties at scale 0.02
    for p in [
      QuantizationParameters(scale: 0.02, zeroPoint: -128), QuantizationParameters(scale: 0.02, zeroPoint: 127),
      QuantizationParameters(scale: 0.7, zeroPoint: 3), QuantizationParameters(scale: 1e-6, zeroPoint: 0),
    ] {
      let expected = values.map { Int8Arithmetic.quantize($0, p) }
      var output = [Int8](repeating: 0, count: values.count)
      values.withUnsafeBufferPointer { x in
        output.withUnsafeMutableBytes {
          QuantizeInt8.quantize(
            count: values.count, scale: p.scale, zeroPoint: p.zeroPoint, input: x.baseAddress!,
            output: $0.baseAddress!)
        }
      }
      #expect(output == expected)
      let all = (-128...127).map { Int8($0) }
      var real = [Float](repeating: 0, count: 256)
      all.withUnsafeBytes { q in
        real.withUnsafeMutableBufferPointer {
          QuantizeInt8.dequantize(
            count: 256, scale: p.scale, zeroPoint: p.zeroPoint, input: q.baseAddress!, output: $0.baseAddress!)
        }
      }
      #expect(real == all.map(p.dequantize))
    }
    #expect(Int8Arithmetic.quantize(.nan, QuantizationParameters(scale: 1, zeroPoint: 5)) == 5)
    #expect(Int8Arithmetic.quantize(0.5, QuantizationParameters(scale: 1, zeroPoint: 0)) == 1)
    #expect(Int8Arithmetic.quantize(-0.5, QuantizationParameters(scale: 1, zeroPoint: 0)) == -1)
  }
}
