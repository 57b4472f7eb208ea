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

  /// Calls `reduce` with the real elements of each window (in Double) and the window's
  /// size clipped to the padded input.
  private static func poolWindows(
    _ x: Tensor, _ pool: GraphOperation.Pool2D, outputShape: [Int], reduce: ([Double], Int) -> Double
  ) -> Tensor {
    let y = PoolWindows.map(x.scalars.map(Double.init), shape: x.shape, pool, outputShape: outputShape) {
      Float(reduce($0, $1))
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
