/// The window walk both reference engines (float and int8) pool with, written once so
/// that they cannot disagree on which input elements a window covers.
enum PoolWindows {
  /// For each output element of `pool` over an NCHW input `x` of `shape` `[1, C, H, W]`
  /// (in NCHW order), calls `reduce` with the window's elements that lie inside the
  /// input and the window's size clipped to the padded input (the divisor of
  /// `countIncludePad` averaging). Cost: O(output elements · window size).
  static func map<Element, Result>(
    _ x: [Element], shape: [Int], _ pool: GraphOperation.Pool2D, outputShape: [Int],
    reduce: ([Element], Int) -> Result
  ) -> [Result] {
    let (channels, inH, inW) = (shape[1], shape[2], shape[3])
    let (outH, outW) = (outputShape[2], outputShape[3])
    var y: [Result] = []
    y.reserveCapacity(channels * outH * outW)
    for c in 0..<channels {
      for i in 0..<outH {
        for j in 0..<outW {
          let top = i * pool.stride.h - pool.padding.top
          let left = j * pool.stride.w - pool.padding.left
          let bottom = min(top + pool.kernel.h, inH + pool.padding.bottom)
          let right = min(left + pool.kernel.w, inW + pool.padding.right)
          var window: [Element] = []
          for row in max(top, 0)..<min(bottom, inH) {
            for col in max(left, 0)..<min(right, inW) { window.append(x[(c * inH + row) * inW + col]) }
          }
          y.append(reduce(window, (bottom - top) * (right - left)))
        }
      }
    }
    return y
  }
}
