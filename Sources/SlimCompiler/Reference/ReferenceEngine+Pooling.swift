extension ReferenceEngine {
  /// Max over each window; padding never wins.
  static func maxPool(_ x: Tensor, _ pool: GraphOperation.Pool2D, outputShape: [Int]) -> Tensor {
    poolWindows(x, pool, outputShape: outputShape) { window, _ in window.max() ?? 0 }
  }

  /// Mean over each window. With `countIncludePad` the divisor is the window clipped
  /// to the padded input (PyTorch's rule); otherwise the number of real elements.
  static func averagePool(_ x: Tensor, _ pool: GraphOperation.Pool2D, outputShape: [Int]) -> Tensor {
    poolWindows(x, pool, outputShape: outputShape) { window, paddedCount in
      window.reduce(0, +) / Double(pool.countIncludePad ? paddedCount : window.count)
    }
  }

  /// Calls `reduce` with the real elements of each window and the window's size
  /// clipped to the padded input.
  private static func poolWindows(
    _ x: Tensor, _ pool: GraphOperation.Pool2D, outputShape: [Int], reduce: ([Double], Int) -> Double
  ) -> Tensor {
    let (channels, inH, inW) = (x.shape[1], x.shape[2], x.shape[3])
    let (outH, outW) = (outputShape[2], outputShape[3])
    var y = [Float](repeating: 0, count: channels * outH * outW)
    for c in 0..<channels {
      for i in 0..<outH {
        for j in 0..<outW {
          let top = i * pool.stride.h - pool.padding.top
          let left = j * pool.stride.w - pool.padding.left
          let bottom = min(top + pool.kernel.h, inH + pool.padding.bottom)
          let right = min(left + pool.kernel.w, inW + pool.padding.right)
          let paddedCount = (bottom - top) * (right - left)
          var window: [Double] = []
          for row in max(top, 0)..<min(bottom, inH) {
            for col in max(left, 0)..<min(right, inW) {
              window.append(Double(x.scalars[(c * inH + row) * inW + col]))
            }
          }
          y[(c * outH + i) * outW + j] = Float(reduce(window, paddedCount))
        }
      }
    }
    return Tensor(shape: outputShape, scalars: y)
  }

  /// Mean over each channel's plane.
  static func globalAveragePool(_ x: Tensor) -> Tensor {
    let channels = x.shape[1]
    let spatial = x.count / channels
    let y = (0..<channels).map { c in
      Float(x.scalars[c * spatial..<(c + 1) * spatial].reduce(0.0) { $0 + Double($1) } / Double(spatial))
    }
    return Tensor(shape: [1, channels, 1, 1], scalars: y)
  }

  /// Concatenation along `axis`: the outer dimensions are walked and each input's block copied.
  static func concatenate(_ x: [Tensor], axis: Int, outputShape: [Int]) -> Tensor {
    let outer = outputShape[..<axis].reduce(1, *)
    var y: [Float] = []
    y.reserveCapacity(outputShape.reduce(1, *))
    for o in 0..<outer {
      for t in x {
        let block = t.shape[axis...].reduce(1, *)
        y.append(contentsOf: t.scalars[o * block..<(o + 1) * block])
      }
    }
    return Tensor(shape: outputShape, scalars: y)
  }
}
