extension ReferenceEngine {
  /// `act(f(a, b))` in Double, element by element; `b` is `a`'s shape or one value per
  /// channel of a `[1, C, H, W]` `a` (checked by `GraphOperation.outputShape`).
  static func combine(
    _ a: Tensor, _ b: Tensor, _ activation: Activation, _ f: (Double, Double) -> Double
  ) -> Tensor {
    let plane = b.count == a.count ? 1 : a.shape[2] * a.shape[3]
    let scalars = a.scalars.indices.map { i in
      Float(activation.apply(f(Double(a.scalars[i]), Double(b.scalars[plane == 1 ? i : i / plane]))))
    }
    return Tensor(shape: a.shape, scalars: scalars)
  }
}
