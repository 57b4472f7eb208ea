/// Max, average and global average pooling on int8. Input and output share one
/// scale and zero point, so the kernels work on the stored integers directly.
enum PoolInt8 {
  /// `round(sum / count)` with ties away from zero (TensorFlow Lite's rule). `count >= 1`.
  @inline(__always)
  static func roundedAverage(_ sum: Int32, count: Int32) -> Int8 {
    let half = count / 2
    return Int8(truncatingIfNeeded: (sum >= 0 ? sum &+ half : sum &- half) / count)
  }

  /// Pools with PyTorch's window rules (see `Pool2D`); padding never counts for max.
  /// Preconditions as `Pool2D.run`, in int8 elements. Cost: O(channels·outH·outW·kH·kW).
  static func run(_ g: Pool2D.Geometry, input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    var out = 0
    for c in 0..<g.channels {
      let plane = c * g.inHeight * g.inWidth
      for oh in 0..<g.outHeight {
        let top = oh * g.strideH - g.padTop
        let bottom = min(top + g.kernelHeight, g.inHeight + g.padBottom)
        for ow in 0..<g.outWidth {
          let left = ow * g.strideW - g.padLeft
          let right = min(left + g.kernelWidth, g.inWidth + g.padRight)
          var best = Int8.min
          var sum: Int32 = 0
          for ih in max(top, 0)..<max(max(top, 0), min(bottom, g.inHeight)) {
            for iw in max(left, 0)..<max(max(left, 0), min(right, g.inWidth)) {
              let x = input.load(fromByteOffset: plane + ih * g.inWidth + iw, as: Int8.self)
              best = max(best, x)
              sum &+= Int32(x)
            }
          }
          let value: Int8
          switch g.mode {
          case .max:
            value = best
          case .average(let countIncludePad):
            let valid = (min(bottom, g.inHeight) - max(top, 0)) * (min(right, g.inWidth) - max(left, 0))
            let divisor = countIncludePad ? (bottom - top) * (right - left) : valid
            value = roundedAverage(sum, count: Int32(truncatingIfNeeded: divisor))
          }
          output.storeBytes(of: value, toByteOffset: out, as: Int8.self)
          out += 1
        }
      }
    }
  }

  /// `output[c] = roundedAverage(Σ input[c, :, :], spatial)`. Preconditions: `input` holds
  /// `channels·spatial` int8 (spatial ≤ 2^23 so the sum fits), `output` `channels`.
  static func globalAverage(channels: Int, spatial: Int, input: UnsafeRawPointer, output: UnsafeMutableRawPointer) {
    for c in 0..<channels {
      var sum: Int32 = 0
      for i in 0..<spatial { sum &+= Int32(input.load(fromByteOffset: c * spatial + i, as: Int8.self)) }
      output.storeBytes(
        of: roundedAverage(sum, count: Int32(truncatingIfNeeded: spatial)), toByteOffset: c, as: Int8.self)
    }
  }
}
