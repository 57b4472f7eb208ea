extension ReferenceEngine {
  /// Direct convolution, straight from the definition:
  /// `y[o, i, j] = b[o] + Σ_c Σ_kh Σ_kw w[o, c, kh, kw] · x[g·Cg + c, i·s − p + kh·d, j·s − p + kw·d]`.
  static func convolve(_ x: Tensor, _ conv: GraphOperation.Conv2D, outputShape: [Int]) -> Tensor {
    let (inC, inH, inW) = (x.shape[1], x.shape[2], x.shape[3])
    let (outC, outH, outW) = (outputShape[1], outputShape[2], outputShape[3])
    let (kH, kW) = conv.kernel
    let inPerGroup = inC / conv.groups
    let outPerGroup = outC / conv.groups
    var y = [Float](repeating: 0, count: outC * outH * outW)
    for o in 0..<outC {
      let group = o / outPerGroup
      for i in 0..<outH {
        for j in 0..<outW {
          var sum = Double(conv.bias?.scalars[o] ?? 0)
          for c in 0..<inPerGroup {
            let channel = group * inPerGroup + c
            for kh in 0..<kH {
              let row = i * conv.stride.h - conv.padding.top + kh * conv.dilation.h
              guard row >= 0, row < inH else { continue }
              for kw in 0..<kW {
                let col = j * conv.stride.w - conv.padding.left + kw * conv.dilation.w
                guard col >= 0, col < inW else { continue }
                let weight = conv.weight.scalars[((o * inPerGroup + c) * kH + kh) * kW + kw]
                sum += Double(weight) * Double(x.scalars[(channel * inH + row) * inW + col])
              }
            }
          }
          y[(o * outH + i) * outW + j] = Float(conv.activation.apply(sum))
        }
      }
    }
    return Tensor(shape: outputShape, scalars: y)
  }

  /// `y = W·x + b`, then the activation.
  static func fullyConnect(_ x: Tensor, _ linear: GraphOperation.Linear) -> Tensor {
    let (outF, inF) = (linear.weight.shape[0], linear.weight.shape[1])
    var y = [Float](repeating: 0, count: outF)
    for o in 0..<outF {
      var sum = Double(linear.bias?.scalars[o] ?? 0)
      for f in 0..<inF { sum += Double(linear.weight.scalars[o * inF + f]) * Double(x.scalars[f]) }
      y[o] = Float(linear.activation.apply(sum))
    }
    return Tensor(shape: [1, outF], scalars: y)
  }

  /// Inference batch norm: `y = γ (x − μ) / √(σ² + ε) + β` per channel.
  static func batchNormalize(_ x: Tensor, _ bn: GraphOperation.BatchNorm) -> Tensor {
    let channels = x.shape[1]
    let spatial = x.count / channels
    var y = x.scalars
    for c in 0..<channels {
      let scale = Double(bn.gamma.scalars[c]) / (Double(bn.runningVar.scalars[c]) + bn.epsilon).squareRoot()
      for k in 0..<spatial {
        let v = Double(x.scalars[c * spatial + k])
        y[c * spatial + k] = Float((v - Double(bn.runningMean.scalars[c])) * scale + Double(bn.beta.scalars[c]))
      }
    }
    return Tensor(shape: x.shape, scalars: y)
  }
}
