/// 2-D convolution, fp32 NCHW, batch 1, zero padding, any kernel, stride,
/// dilation and group count, optional bias, fused activation.
enum Conv2D {
  /// A validated convolution shape (see `ShapeInference`). All products the
  /// kernel forms stay below 2^31, so plain `Int` arithmetic is safe even on
  /// 32-bit targets.
  struct Geometry: Equatable, Sendable {
    var inChannels: Int, inHeight: Int, inWidth: Int
    var outChannels: Int, outHeight: Int, outWidth: Int
    var kernelHeight: Int, kernelWidth: Int
    var strideH: Int, strideW: Int
    var padTop: Int, padLeft: Int
    var dilationH: Int, dilationW: Int
    var groups: Int

    /// 1x1, stride 1, no padding: each tap is one axpy over a whole plane.
    var isPointwise: Bool {
      kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0
    }
  }

  /// Computes `output = act(conv(input, weight) + bias)`.
  ///
  /// Preconditions: `input` holds `inChannels·inHeight·inWidth` floats,
  /// `weight` `outChannels·(inChannels/groups)·kH·kW`, `bias` (if any)
  /// `outChannels`, `output` `outChannels·outHeight·outWidth`, and `output`
  /// overlaps none of them. Cost: O(outChannels·(inChannels/groups)·kH·kW·outH·outW).
  ///
  /// Loop order is output channel, input channel, kernel tap, output row, with
  /// the innermost loop over contiguous output columns; the valid row and
  /// column ranges of each tap are computed once, so the inner loop has no
  /// padding branches.
  static func run(
    _ g: Geometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, activation: SlimActivation
  ) {
    let inPlane = g.inHeight * g.inWidth
    let outPlane = g.outHeight * g.outWidth
    let inPerGroup = g.inChannels / g.groups
    let outPerGroup = g.outChannels / g.groups
    let taps = g.kernelHeight * g.kernelWidth
    for oc in 0..<g.outChannels {
      let out = output + oc * outPlane
      out.update(repeating: bias.map { $0[oc] } ?? 0, count: outPlane)
      let firstInput = (oc / outPerGroup) * inPerGroup
      for icInGroup in 0..<inPerGroup {
        let plane = input + (firstInput + icInGroup) * inPlane
        let kernel = weight + (oc * inPerGroup + icInGroup) * taps
        if g.isPointwise {
          VectorPrimitives.axpy(kernel[0], plane, stride: 1, out, count: outPlane)
          continue
        }
        for kh in 0..<g.kernelHeight {
          let rowOffset = kh * g.dilationH - g.padTop
          let rows = VectorPrimitives.validOutputRange(
            offset: rowOffset, stride: g.strideH, inputSize: g.inHeight, outputSize: g.outHeight)
          if rows.isEmpty { continue }
          for kw in 0..<g.kernelWidth {
            let colOffset = kw * g.dilationW - g.padLeft
            let cols = VectorPrimitives.validOutputRange(
              offset: colOffset, stride: g.strideW, inputSize: g.inWidth, outputSize: g.outWidth)
            if cols.isEmpty { continue }
            let w = kernel[kh * g.kernelWidth + kw]
            for oh in rows {
              let inRow = plane + (oh * g.strideH + rowOffset) * g.inWidth
              VectorPrimitives.axpy(
                w, inRow + cols.lowerBound * g.strideW + colOffset, stride: g.strideW,
                out + oh * g.outWidth + cols.lowerBound, count: cols.count)
            }
          }
        }
      }
      Activation.apply(activation, inPlace: out, count: outPlane)
    }
  }
}
