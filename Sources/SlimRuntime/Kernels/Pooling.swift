/// Max and average pooling (PyTorch semantics) and global average pooling,
/// fp32 NCHW, batch 1.
enum Pool2D {
  enum Mode: Equatable, Sendable {
    /// Padding never wins: only input elements are compared.
    case max
    /// `countIncludePad`: divide by the window clipped to the padded input
    /// (PyTorch's default) instead of by the number of input elements.
    case average(countIncludePad: Bool)
  }

  /// A validated pooling shape; output sizes follow PyTorch's rule (see
  /// `ShapeInference.poolOutputSize`), so every window holds at least one
  /// input element.
  struct Geometry: Equatable, Sendable {
    var channels: Int, inHeight: Int, inWidth: Int, outHeight: Int, outWidth: Int
    var kernelHeight: Int, kernelWidth: Int
    var strideH: Int, strideW: Int
    var padTop: Int, padLeft: Int, padBottom: Int, padRight: Int
    var mode: Mode
  }

  /// One window along one axis: the valid input range and the padded extent
  /// used as the count-include-pad divisor.
  @inline(__always)
  private static func window(
    _ o: Int, kernel: Int, stride: Int, padBefore: Int, padAfter: Int, inputSize: Int
  ) -> (range: Range<Int>, paddedCount: Int) {
    let start = o * stride - padBefore
    let end = min(start + kernel, inputSize + padAfter)
    return (max(start, 0)..<max(max(start, 0), min(end, inputSize)), end - start)
  }

  /// Pools `input` into `output` and applies `activation`.
  ///
  /// Preconditions: `input` holds `channels·inH·inW` floats, `output`
  /// `channels·outH·outW`, no overlap. Cost: O(channels·outH·outW·kH·kW).
  static func run(
    _ g: Geometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, activation: SlimActivation
  ) {
    let outPlane = g.outHeight * g.outWidth
    for c in 0..<g.channels {
      let plane = input + c * g.inHeight * g.inWidth
      let out = output + c * outPlane
      for oh in 0..<g.outHeight {
        let rows = window(
          oh, kernel: g.kernelHeight, stride: g.strideH, padBefore: g.padTop, padAfter: g.padBottom,
          inputSize: g.inHeight)
        for ow in 0..<g.outWidth {
          let cols = window(
            ow, kernel: g.kernelWidth, stride: g.strideW, padBefore: g.padLeft, padAfter: g.padRight,
            inputSize: g.inWidth)
          var value: Float
          switch g.mode {
          case .max:
            value = -Float.infinity
            for ih in rows.range {
              for iw in cols.range {
                let x = plane[ih * g.inWidth + iw]
                if x > value || x.isNaN { value = x }
              }
            }
          case .average(let countIncludePad):
            var sum: Float = 0
            for ih in rows.range {
              for iw in cols.range { sum += plane[ih * g.inWidth + iw] }
            }
            let divisor =
              countIncludePad ? rows.paddedCount * cols.paddedCount : rows.range.count * cols.range.count
            value = sum / Float(divisor)
          }
          out[oh * g.outWidth + ow] = value
        }
      }
      Activation.apply(activation, inPlace: out, count: outPlane)
    }
  }

  /// `output[c] = mean(input[c, :, :])` for each channel, then `activation`.
  /// Preconditions: `input` holds `channels·spatial` floats, `output` `channels`.
  static func globalAverage(
    channels: Int, spatial: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    for c in 0..<channels {
      let plane = input + c * spatial
      var sum: Float = 0
      for i in 0..<spatial { sum += plane[i] }
      output[c] = sum / Float(spatial)
    }
    Activation.apply(activation, inPlace: output, count: channels)
  }
}
