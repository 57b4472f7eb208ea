extension ReferenceEngine {
  /// `x` `[1, C, H, W]` upsampled: output `(c, y, i)` is `x (c, y / scaleH, i / scaleW)`.
  static func upsampleNearest(_ x: Tensor, _ scaleH: Int, _ scaleW: Int) -> Tensor {
    let (c, h, w) = (x.shape[1], x.shape[2], x.shape[3])
    let oh = h * scaleH, ow = w * scaleW
    var scalars: [Float] = []
    for k in 0..<c {
      for y in 0..<oh {
        for i in 0..<ow { scalars.append(x.scalars[(k * h + y / scaleH) * w + i / scaleW]) }
      }
    }
    return Tensor(shape: [1, c, oh, ow], scalars: scalars)
  }
}
