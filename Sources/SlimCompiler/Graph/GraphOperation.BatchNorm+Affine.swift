extension GraphOperation.BatchNorm {
  /// `y[c] = scale[c] · x[c] + shift[c]`: an ONNX Mul or Add of a per-channel (or scalar)
  /// constant, as a batch norm with mean 0, variance 1 and ε 0. That is exactly this
  /// function (`√(1 + 0) = 1`), so `BatchNormFolding` folds it into a preceding conv or
  /// linear layer and `Lowering` packs a standalone one as a depthwise 1x1 conv.
  /// Precondition: `scale` and `shift` have one value per channel.
  public static func affine(scale: [Float], shift: [Float]) -> Self {
    precondition(scale.count == shift.count, "one scale and one shift per channel")
    let channels = scale.count
    return Self(
      gamma: Tensor(shape: [channels], scalars: scale), beta: Tensor(shape: [channels], scalars: shift),
      runningMean: Tensor(shape: [channels], scalars: Array(repeating: 0, count: channels)),
      runningVar: Tensor(shape: [channels], scalars: Array(repeating: 1, count: channels)), epsilon: 0)
  }
}
