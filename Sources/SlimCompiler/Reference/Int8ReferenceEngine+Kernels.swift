extension Int8ReferenceEngine {
  /// `y[c, h, w] = table[c, x[h, w, c]]`: pixels `[1, H, W, C]` (HWC) to int8 `[1, C, H, W]`.
  static func quantizePixels(_ x: [UInt8], shape: [Int], _ table: PixelTable) -> [Int8] {
    let (height, width, channels) = (shape[1], shape[2], shape[3])
    var y = [Int8](repeating: 0, count: channels * height * width)
    for c in 0..<channels {
      for h in 0..<height {
        for w in 0..<width { y[(c * height + h) * width + w] = table[c, x[(h * width + w) * channels + c]] }
      }
    }
    return y
  }

  /// `y[o, i, j] = clamp(requantize(wrap(b[o] + Σ (x − zx) · w)) + zy)` over the taps inside the input.
  static func convolve(_ x: [Int8], shape: [Int], _ conv: QuantizedConv2D, outputShape: [Int]) -> [Int8] {
    let layer = conv.layer, q = conv.weights
    let (inC, inH, inW) = (shape[1], shape[2], shape[3])
    let (outC, outH, outW) = (outputShape[1], outputShape[2], outputShape[3])
    let (kH, kW) = (q.shape[2], q.shape[3])
    let inPerGroup = inC / layer.groups, outPerGroup = outC / layer.groups
    var y = [Int8](repeating: 0, count: outC * outH * outW)
    for o in 0..<outC {
      for i in 0..<outH {
        for j in 0..<outW {
          var sum = Int64(q.bias[o])
          for c in 0..<inPerGroup {
            let channel = (o / outPerGroup) * inPerGroup + c
            for kh in 0..<kH {
              for kw in 0..<kW {
                let row = i * layer.stride.h - layer.padding.top + kh * layer.dilation.h
                let col = j * layer.stride.w - layer.padding.left + kw * layer.dilation.w
                guard (0..<inH).contains(row), (0..<inW).contains(col) else { continue }
                let input = Int64(x[(channel * inH + row) * inW + col]) - Int64(q.inputZeroPoint)
                sum += input * Int64(q.weight[((o * inPerGroup + c) * kH + kh) * kW + kw])
              }
            }
          }
          y[(o * outH + i) * outW + j] = finish(sum, q, channel: o)
        }
      }
    }
    return y
  }

  /// `y[o] = clamp(requantize(wrap(b[o] + Σ (x[i] − zx) · W[o, i])) + zy)`.
  static func fullyConnect(_ x: [Int8], _ q: QuantizedWeights) -> [Int8] {
    let (outF, inF) = (q.shape[0], q.shape[1])
    return (0..<outF).map { o in
      var sum = Int64(q.bias[o])
      for i in 0..<inF { sum += (Int64(x[i]) - Int64(q.inputZeroPoint)) * Int64(q.weight[o * inF + i]) }
      return finish(sum, q, channel: o)
    }
  }

  private static func finish(_ sum: Int64, _ q: QuantizedWeights, channel: Int) -> Int8 {
    let scaled = Int8Arithmetic.requantize(Int8Arithmetic.wrap(sum), q.requantization[channel])
    return Int8Arithmetic.clamp(Int64(scaled) + Int64(q.outputZeroPoint), q.outputMin, q.outputMax)
  }

  static func maxPool(_ x: [Int8], shape: [Int], _ pool: GraphOperation.Pool2D, outputShape: [Int]) -> [Int8] {
    PoolWindows.map(x, shape: shape, pool, outputShape: outputShape) { window, _ in window.max()! }
  }

  /// Mean of each window, `round(Σ / divisor)` with ties away from zero; the divisor
  /// is the padded window (countIncludePad) or the real elements.
  static func averagePool(_ x: [Int8], shape: [Int], _ pool: GraphOperation.Pool2D, outputShape: [Int]) -> [Int8] {
    PoolWindows.map(x, shape: shape, pool, outputShape: outputShape) { window, paddedCount in
      let sum = window.reduce(Int64(0)) { $0 + Int64($1) }
      return Int8(Int8Arithmetic.roundHalfAway(sum, Int64(pool.countIncludePad ? paddedCount : window.count)))
    }
  }

  static func globalAveragePool(_ x: [Int8], shape: [Int]) -> [Int8] {
    let spatial = shape[2] * shape[3]
    return (0..<shape[1]).map { c in
      let sum = x[c * spatial..<(c + 1) * spatial].reduce(Int64(0)) { $0 + Int64($1) }
      return Int8(Int8Arithmetic.roundHalfAway(sum, Int64(spatial)))
    }
  }

  /// `clamp(Ro(Ra((a − za)·2^20) + Rb((b − zb)·2^20)) + zo)`, the sum wrapped to int32.
  static func add(_ a: [Int8], _ b: [Int8], _ p: QuantizedAdd) -> [Int8] {
    zip(a, b).map { qa, qb in
      let x = Int8Arithmetic.requantize(Int32((Int64(qa) - Int64(p.aZeroPoint)) * (1 << 20)), p.a)
      let y = Int8Arithmetic.requantize(Int32((Int64(qb) - Int64(p.bZeroPoint)) * (1 << 20)), p.b)
      let sum = Int8Arithmetic.wrap(Int64(x) + Int64(y))
      return Int8Arithmetic.clamp(
        Int64(Int8Arithmetic.requantize(sum, p.output)) + Int64(p.outputZeroPoint), p.outputMin, p.outputMax)
    }
  }

  /// `clamp(⌊(Ma·(a − za) + Mb·(b − zb) + 2^(S−1)) / 2^S⌋ + zo)`, exact in `Int64`.
  static func add(_ a: [Int8], _ b: [Int8], _ p: QuantizedSingleRoundingAdd) -> [Int8] {
    let half = Int64(1) << (p.shift - 1), divisor = Int64(1) << p.shift
    return zip(a, b).map { qa, qb in
      let sum =
        Int64(p.aMultiplier) * (Int64(qa) - Int64(p.aZeroPoint)) + Int64(p.bMultiplier)
        * (Int64(qb) - Int64(p.bZeroPoint))
      let rounded = Int8Arithmetic.floorDivide(sum + half, divisor)
      return Int8Arithmetic.clamp(rounded + Int64(p.outputZeroPoint), p.outputMin, p.outputMax)
    }
  }

  /// `clamp(⌊(M[c]·x + B[c]) / 2^S[c]⌋)` for each element `x` of channel `c`, exact in `Int64`.
  static func scaleShift(_ x: [Int8], shape: [Int], _ p: QuantizedScaleShift) -> [Int8] {
    let plane = shape[2] * shape[3]
    return x.indices.map { i in
      let c = i / plane
      let sum = Int64(p.multipliers[c]) * Int64(x[i]) + Int64(p.offsets[c])
      let rounded = Int8Arithmetic.floorDivide(sum, Int64(1) << p.shifts[c])
      return Int8Arithmetic.clamp(rounded, p.outputMin, p.outputMax)
    }
  }

  /// Output channel `k` is input channel `indexes[k]`, the values unchanged.
  static func gatherChannels(_ x: [Int8], shape: [Int], _ indexes: [Int]) -> [Int8] {
    let plane = shape[2] * shape[3]
    return indexes.flatMap { x[$0 * plane..<($0 + 1) * plane] }
  }

  /// Each input block, rescaled: `clamp(R_i(q − z_i) + zo, -128, 127)`.
  static func concatenate(_ x: [[Int8]], shapes: [[Int]], _ p: QuantizedConcat, outputShape: [Int]) -> [Int8] {
    let outer = outputShape[..<p.axis].reduce(1, *)
    var y: [Int8] = []
    for o in 0..<outer {
      for (k, values) in x.enumerated() {
        let block = shapes[k][p.axis...].reduce(1, *)
        for q in values[o * block..<(o + 1) * block] {
          let scaled = Int8Arithmetic.requantize(Int32(q) - p.inputZeroPoints[k], p.rescales[k])
          y.append(Int8Arithmetic.clamp(Int64(scaled) + Int64(p.outputZeroPoint), -128, 127))
        }
      }
    }
    return y
  }
}
