extension GatherChannels {
  /// Checks a `gatherChannels` record: one `[1, C, H, W]` input, one output
  /// `[1, K, H, W]` with `K = params.count ≥ 1`, every index in `0..<C`.
  /// Cost: O(K). Allocates the index array once, at load.
  static func geometry(
    _ op: OperatorRecord, inputShape: [Int], outputShape: [Int], fail: (SlimError.OperatorProblem) -> SlimError
  ) throws(SlimError) -> OperatorGeometry {
    guard op.inputs.count == 1 else { throw fail(.inputCount(op.inputs.count)) }
    guard op.outputs.count == 1 else { throw fail(.outputCount(op.outputs.count)) }
    guard !op.params.isEmpty else { throw fail(.paramCount(0)) }
    guard inputShape.count == 4, inputShape[0] == 1 else { throw fail(.operandShape(operand: 0)) }
    let channels = inputShape[1]
    var indexes: [Int] = []
    indexes.reserveCapacity(op.params.count)
    for (i, value) in op.params.enumerated() {
      guard value >= 0, Int(value) < channels else { throw fail(.param(index: i)) }
      indexes.append(Int(value))
    }
    guard outputShape == [1, indexes.count, inputShape[2], inputShape[3]] else { throw fail(.outputShape) }
    return .gatherChannels(spatial: inputShape[2] * inputShape[3], indexes: indexes)
  }
}
