extension Compensation {
  /// The largest error a fold into `conv` leaves at the conv's output.
  ///
  /// The fold adds δ[o] = Σ_c k_c · Σ_taps W[o, c, tap] to every output pixel, but at a
  /// pixel whose window overlaps the zero padding the taps in the padding saw 0, not the
  /// constant k_c, so that pixel is off by Σ_c k_c · Σ_{taps in padding} W[o, c, tap].
  /// Interior pixels are exact; 0 for 1x1 or unpadded convs.
  ///
  /// Precondition: `constants` keys are input channels of `conv` (groups == 1); input is
  /// `height` x `width`. Cost: O(O · constants · kH · kW · distinct border windows), where
  /// there are at most (2·pad + 1)² distinct windows.
  static func borderError(
    _ constants: [Int: Double], conv: GraphOperation.Conv2D, height: Int, width: Int
  ) -> Double {
    let (kh, kw) = conv.kernel
    let rows = windowMasks(
      size: height, kernel: kh, stride: conv.stride.h, dilation: conv.dilation.h,
      padBefore: conv.padding.top, padAfter: conv.padding.bottom)
    let cols = windowMasks(
      size: width, kernel: kw, stride: conv.stride.w, dilation: conv.dilation.w,
      padBefore: conv.padding.left, padAfter: conv.padding.right)
    let c = conv.weight.shape[1]
    var worst = 0.0
    for row in rows {
      for col in cols where row.contains(false) || col.contains(false) {
        for out in 0..<conv.outChannels {
          var error = 0.0
          for (channel, value) in constants {
            let base = (out * c + channel) * kh * kw
            for i in 0..<kh {
              for j in 0..<kw where !(row[i] && col[j]) {
                error += value * Double(conv.weight.scalars[base + i * kw + j])
              }
            }
          }
          worst = max(worst, abs(error))
        }
      }
    }
    return worst
  }

  /// The distinct sets of kernel taps (true = inside the input) that output positions
  /// along one axis see.
  static func windowMasks(
    size: Int, kernel: Int, stride: Int, dilation: Int, padBefore: Int, padAfter: Int
  ) -> Set<[Bool]> {
    let span = dilation * (kernel - 1) + 1
    let outputs = max((size + padBefore + padAfter - span) / max(stride, 1) + 1, 0)
    var masks: Set<[Bool]> = []
    for position in 0..<outputs {
      let start = position * stride - padBefore
      masks.insert((0..<kernel).map { (0..<size).contains(start + $0 * dilation) })
    }
    return masks
  }
}
