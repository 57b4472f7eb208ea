extension ReferenceEngine {
  /// `y[:, k] = x[:, indexes[k]]` for a `[1, C, ...]` input. Cost: O(output).
  static func selectChannels(_ x: Tensor, indexes: [Int], outputShape: [Int]) -> Tensor {
    let plane = x.shape.dropFirst(2).reduce(1, *)
    var y: [Float] = []
    y.reserveCapacity(indexes.count * plane)
    for channel in indexes { y += x.scalars[channel * plane..<(channel + 1) * plane] }
    return Tensor(shape: outputShape, scalars: y)
  }
}
