import Testing

@testable import SlimRuntime

// Each kernel is checked against a direct transcription of its definition,
// accumulated in Double.

struct ConvCase: CustomStringConvertible {
  var c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int
  var stride: (Int, Int) = (1, 1)
  var pads: (top: Int, left: Int, bottom: Int, right: Int) = (0, 0, 0, 0)
  var dilation: (Int, Int) = (1, 1)
  var groups = 1
  var bias = true
  var activation: SlimActivation = .none

  var oh: Int { (h + pads.top + pads.bottom - dilation.0 * (kh - 1) - 1) / stride.0 + 1 }
  var ow: Int { (w + pads.left + pads.right - dilation.1 * (kw - 1) - 1) / stride.1 + 1 }
  var description: String { "c\(c) \(h)x\(w) o\(o) k\(kh)x\(kw) s\(stride) p\(pads) d\(dilation) g\(groups)" }

  var geometry: Conv2D.Geometry {
    Conv2D.Geometry(
      inChannels: c, inHeight: h, inWidth: w, outChannels: o, outHeight: oh, outWidth: ow, kernelHeight: kh,
      kernelWidth: kw, strideH: stride.0, strideW: stride.1, padTop: pads.top, padLeft: pads.left,
      dilationH: dilation.0, dilationW: dilation.1, groups: groups)
  }
}

func naiveConv(_ k: ConvCase, x: [Float], weight: [Float], bias: [Float]?) -> [Double] {
  var y = [Double](repeating: 0, count: k.o * k.oh * k.ow)
  let cg = k.c / k.groups, og = k.o / k.groups
  for oc in 0..<k.o {
    for oy in 0..<k.oh {
      for ox in 0..<k.ow {
        var sum = Double(bias?[oc] ?? 0)
        for icg in 0..<cg {
          let ic = (oc / og) * cg + icg
          for ky in 0..<k.kh {
            for kx in 0..<k.kw {
              let iy = oy * k.stride.0 - k.pads.top + ky * k.dilation.0
              let ix = ox * k.stride.1 - k.pads.left + kx * k.dilation.1
              guard iy >= 0, iy < k.h, ix >= 0, ix < k.w else { continue }
              sum += Double(x[(ic * k.h + iy) * k.w + ix]) * Double(weight[((oc * cg + icg) * k.kh + ky) * k.kw + kx])
            }
          }
        }
        y[(oc * k.oh + oy) * k.ow + ox] =
          k.activation == .relu6 ? relu6(sum) : k.activation == .relu ? max(sum, 0) : sum
      }
    }
  }
  return y
}

let convCases: [ConvCase] = [
  ConvCase(c: 3, h: 8, w: 7, o: 4, kh: 3, kw: 3, pads: (1, 1, 1, 1)),
  ConvCase(c: 4, h: 9, w: 9, o: 6, kh: 3, kw: 3, stride: (2, 2), pads: (1, 1, 1, 1), groups: 2),
  ConvCase(c: 5, h: 7, w: 6, o: 5, kh: 3, kw: 3, pads: (1, 1, 1, 1), groups: 5, bias: false),  // depthwise
  ConvCase(c: 2, h: 10, w: 9, o: 3, kh: 3, kw: 2, dilation: (2, 2), activation: .relu),
  ConvCase(c: 3, h: 6, w: 8, o: 2, kh: 3, kw: 3, stride: (1, 2), pads: (1, 0, 2, 1), activation: .relu6),
  ConvCase(c: 8, h: 5, w: 5, o: 4, kh: 1, kw: 1),  // pointwise fast path
  ConvCase(c: 4, h: 5, w: 5, o: 4, kh: 1, kw: 1, stride: (2, 2), bias: false),
  ConvCase(c: 6, h: 11, w: 4, o: 6, kh: 5, kw: 3, stride: (3, 1), pads: (4, 2, 0, 0), dilation: (1, 2), groups: 3),
]

@Test(arguments: convCases.indices)
func conv2DMatchesNaive(caseIndex: Int) {
  let k = convCases[caseIndex]
  var rng = SeededRandom(seed: UInt64(caseIndex + 1))
  let x = rng.floats(k.c * k.h * k.w)
  let weight = rng.floats(k.o * (k.c / k.groups) * k.kh * k.kw)
  let bias = k.bias ? rng.floats(k.o) : nil
  var y = [Float](repeating: .nan, count: k.o * k.oh * k.ow)
  x.withUnsafeBufferPointer { xp in
    weight.withUnsafeBufferPointer { wp in
      y.withUnsafeMutableBufferPointer { yp in
        if let bias {
          bias.withUnsafeBufferPointer { bp in
            Conv2D.run(
              k.geometry, input: xp.baseAddress!, weight: wp.baseAddress!, bias: bp.baseAddress!,
              output: yp.baseAddress!, activation: k.activation)
          }
        } else {
          Conv2D.run(
            k.geometry, input: xp.baseAddress!, weight: wp.baseAddress!, bias: nil, output: yp.baseAddress!,
            activation: k.activation)
        }
      }
    }
  }
  #expect(maxRelativeError(y, naiveConv(k, x: x, weight: weight, bias: bias)) < 1e-5, "\(k)")
}

struct PoolCase: CustomStringConvertible {
  var c: Int, h: Int, w: Int, kh: Int, kw: Int, sh: Int, sw: Int
  var pads: (top: Int, left: Int, bottom: Int, right: Int) = (0, 0, 0, 0)
  var ceilMode = false

  static func outSize(_ n: Int, _ k: Int, _ s: Int, _ before: Int, _ after: Int, _ ceil: Bool) -> Int {
    let span = n + before + after - k
    var out = (ceil ? (span + s - 1) / s : span / s) + 1
    if ceil && (out - 1) * s >= n + before { out -= 1 }
    return out
  }
  var oh: Int { Self.outSize(h, kh, sh, pads.top, pads.bottom, ceilMode) }
  var ow: Int { Self.outSize(w, kw, sw, pads.left, pads.right, ceilMode) }
  var description: String { "\(h)x\(w) k\(kh)x\(kw) s\(sh),\(sw) p\(pads) ceil \(ceilMode)" }

  func geometry(_ mode: Pool2D.Mode) -> Pool2D.Geometry {
    Pool2D.Geometry(
      channels: c, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, kernelHeight: kh, kernelWidth: kw,
      strideH: sh, strideW: sw, padTop: pads.top, padLeft: pads.left, padBottom: pads.bottom, padRight: pads.right,
      mode: mode)
  }
}

func naivePool(_ p: PoolCase, x: [Float], mode: Pool2D.Mode) -> [Double] {
  var y: [Double] = []
  for ch in 0..<p.c {
    for oy in 0..<p.oh {
      for ox in 0..<p.ow {
        let y0 = oy * p.sh - p.pads.top, x0 = ox * p.sw - p.pads.left
        let y1 = min(y0 + p.kh, p.h + p.pads.bottom), x1 = min(x0 + p.kw, p.w + p.pads.right)
        var best = -Double.infinity, sum = 0.0, valid = 0
        for iy in max(y0, 0)..<min(y1, p.h) {
          for ix in max(x0, 0)..<min(x1, p.w) {
            let v = Double(x[(ch * p.h + iy) * p.w + ix])
            best = max(best, v)
            sum += v
            valid += 1
          }
        }
        switch mode {
        case .max: y.append(best)
        case .average(let includePad): y.append(sum / Double(includePad ? (y1 - y0) * (x1 - x0) : valid))
        }
      }
    }
  }
  return y
}

func runPool(_ g: Pool2D.Geometry, _ x: [Float]) -> [Float] {
  var y = [Float](repeating: .nan, count: g.channels * g.outHeight * g.outWidth)
  x.withUnsafeBufferPointer { xp in
    y.withUnsafeMutableBufferPointer {
      Pool2D.run(g, input: xp.baseAddress!, output: $0.baseAddress!, activation: .none)
    }
  }
  return y
}

let poolCases: [PoolCase] = [
  PoolCase(c: 2, h: 8, w: 8, kh: 2, kw: 2, sh: 2, sw: 2),
  PoolCase(c: 3, h: 7, w: 9, kh: 3, kw: 3, sh: 2, sw: 2, ceilMode: true),
  PoolCase(c: 2, h: 7, w: 7, kh: 3, kw: 3, sh: 2, sw: 2, pads: (1, 1, 1, 1)),
  PoolCase(c: 2, h: 6, w: 5, kh: 3, kw: 2, sh: 2, sw: 1, pads: (1, 0, 2, 1), ceilMode: true),
  PoolCase(c: 1, h: 5, w: 5, kh: 2, kw: 2, sh: 3, sw: 3, pads: (1, 1, 1, 1), ceilMode: true),
]

@Test(
  arguments: poolCases.indices, [Pool2D.Mode.max, .average(countIncludePad: true), .average(countIncludePad: false)])
func poolingMatchesNaive(caseIndex: Int, mode: Pool2D.Mode) {
  let p = poolCases[caseIndex]
  var rng = SeededRandom(seed: UInt64(100 + caseIndex))
  let x = rng.floats(p.c * p.h * p.w)
  #expect(maxRelativeError(runPool(p.geometry(mode), x), naivePool(p, x: x, mode: mode)) < 1e-6, "\(p) \(mode)")
}

@Test func poolingMatchesKnownPyTorchValues() {
  let x: [Float] = (1...9).map(Float.init)  // 1x1x3x3
  // avg_pool2d(k=2, s=2, ceil_mode=True): the clipped edge windows divide by 2 and 1.
  let ceil = PoolCase(c: 1, h: 3, w: 3, kh: 2, kw: 2, sh: 2, sw: 2, ceilMode: true)
  #expect(runPool(ceil.geometry(.average(countIncludePad: true)), x) == [3, 4.5, 7.5, 9])
  #expect(runPool(ceil.geometry(.max), x) == [5, 6, 8, 9])
  // avg_pool2d(k=3, s=2, padding=1): 12/9 with padding counted, 12/4 without.
  let padded = PoolCase(c: 1, h: 3, w: 3, kh: 3, kw: 3, sh: 2, sw: 2, pads: (1, 1, 1, 1))
  #expect(runPool(padded.geometry(.average(countIncludePad: true)), x)[0] == Float(12) / 9)
  #expect(runPool(padded.geometry(.average(countIncludePad: false)), x)[0] == 3)
}

@Test func globalAveragePoolAndLinearMatchNaive() {
  var rng = SeededRandom(seed: 7)
  let x = rng.floats(6 * 5 * 4)
  var pooled = [Float](repeating: 0, count: 6)
  x.withUnsafeBufferPointer { xp in
    pooled.withUnsafeMutableBufferPointer {
      Pool2D.globalAverage(channels: 6, spatial: 20, input: xp.baseAddress!, output: $0.baseAddress!, activation: .none)
    }
  }
  let expectedPool = (0..<6).map { c in (0..<20).reduce(0.0) { $0 + Double(x[c * 20 + $1]) } / 20 }
  #expect(maxRelativeError(pooled, expectedPool) < 1e-6)

  let f = 37, o = 11
  let input = rng.floats(f), weight = rng.floats(o * f), bias = rng.floats(o)
  var y = [Float](repeating: 0, count: o)
  input.withUnsafeBufferPointer { ip in
    weight.withUnsafeBufferPointer { wp in
      bias.withUnsafeBufferPointer { bp in
        y.withUnsafeMutableBufferPointer {
          Linear.run(
            inFeatures: f, outFeatures: o, input: ip.baseAddress!, weight: wp.baseAddress!, bias: bp.baseAddress!,
            output: $0.baseAddress!, activation: .relu)
        }
      }
    }
  }
  let expected = (0..<o).map { r in
    max(0, (0..<f).reduce(Double(bias[r])) { $0 + Double(weight[r * f + $1]) * Double(input[$1]) })
  }
  #expect(maxRelativeError(y, expected) < 1e-5)
}

@Test func addWorksInPlaceAndActivates() {
  var a: [Float] = [1, -5, 3, 7]
  let b: [Float] = [1, 1, 1, 1]
  a.withUnsafeMutableBufferPointer { ap in
    b.withUnsafeBufferPointer { bp in
      Elementwise.run(
        .init(operation: .add, layout: .same(count: 4)), a: UnsafePointer(ap.baseAddress!),
        b: bp.baseAddress!, output: ap.baseAddress!, activation: .relu6)
    }
  }
  #expect(a == [2, 0, 4, 6])
}

@Test func activationAppliesEachKind() {
  let x: [Float] = [-2, 0, 3, 7, .infinity]
  func applied(_ kind: SlimActivation) -> [Float] {
    var y = [Float](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { xp in
      y.withUnsafeMutableBufferPointer {
        Activation.apply(kind, input: xp.baseAddress!, output: $0.baseAddress!, count: x.count)
      }
    }
    return y
  }
  #expect(applied(.none) == x)
  #expect(applied(.relu) == [0, 0, 3, 7, .infinity])
  #expect(applied(.relu6) == [0, 0, 3, 6, 6])
}

@Test(arguments: 0..<4)
func concatMatchesNaiveOnEveryAxis(axis: Int) {
  var rng = SeededRandom(seed: UInt64(50 + axis))
  let base = [1, 3, 4, 5]
  let sizes = [2, 1, 3]
  let parts: [(shape: [Int], values: [Float])] = sizes.map { n in
    var shape = base
    shape[axis] = n
    return (shape, rng.floats(shape.reduce(1, *)))
  }
  let outer = base[..<axis].reduce(1, *), after = base[(axis + 1)...].reduce(1, *)
  let inner = parts.map { $0.shape[axis] * after }
  var expected: [Double] = []
  for o in 0..<outer {
    for (part, n) in zip(parts, inner) { expected += part.values[(o * n)..<(o * n + n)].map(Double.init) }
  }
  var y = [Float](repeating: .nan, count: expected.count)
  let pointers = parts.map { part -> UnsafeMutablePointer<Float> in
    let p = UnsafeMutablePointer<Float>.allocate(capacity: part.values.count)
    p.initialize(from: part.values, count: part.values.count)
    return p
  }
  defer { pointers.forEach { $0.deallocate() } }
  y.withUnsafeMutableBufferPointer {
    Concat.run(
      outerCount: outer, innerSizes: inner, inputs: pointers.map { UnsafePointer($0) }, output: $0.baseAddress!,
      activation: .none)
  }
  #expect(maxRelativeError(y, expected) == 0)
}
