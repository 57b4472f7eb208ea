extension GraphOperation.BatchNorm {
  /// The batch norm restricted to `channels`, in that order. Precondition: every index is `< channels`.
  public func selecting(_ channels: [Int]) -> GraphOperation.BatchNorm {
    func pick(_ t: Tensor) -> Tensor { Tensor(shape: [channels.count], scalars: channels.map { t.scalars[$0] }) }
    return GraphOperation.BatchNorm(
      gamma: pick(gamma), beta: pick(beta), runningMean: pick(runningMean), runningVar: pick(runningVar),
      epsilon: epsilon)
  }
}

extension GraphOperation {
  /// Whether a selection keeps every channel of a `channels`-wide input in order (a no-op).
  public static func isIdentitySelection(_ indexes: [Int], channels: Int) -> Bool {
    indexes == Array(0..<channels)
  }
}
