extension ReferenceEngine {
  /// `x` `[1, C, H, W]` with `pad.value` around each plane (checked by `outputShape`).
  static func pad(_ x: Tensor, _ pad: GraphOperation.Pad2D) -> Tensor {
    let (c, h, w) = (x.shape[1], x.shape[2], x.shape[3])
    let oh = h + pad.top + pad.bottom, ow = w + pad.left + pad.right
    var scalars = [Float](repeating: pad.value, count: c * oh * ow)
    for k in 0..<c {
      for y in 0..<h {
        for i in 0..<w { scalars[(k * oh + y + pad.top) * ow + i + pad.left] = x.scalars[(k * h + y) * w + i] }
      }
    }
    return Tensor(shape: [1, c, oh, ow], scalars: scalars)
  }
}
