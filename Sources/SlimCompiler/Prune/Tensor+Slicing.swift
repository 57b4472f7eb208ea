extension Tensor {
  /// The tensor restricted to `indices` along axis 0, in that order. Cost: O(result).
  func rows(_ indices: [Int]) -> Tensor {
    let row = shape.count > 0 && shape[0] > 0 ? count / shape[0] : 0
    var values: [Float] = []
    values.reserveCapacity(indices.count * row)
    for i in indices { values += scalars[i * row..<(i + 1) * row] }
    var newShape = shape
    newShape[0] = indices.count
    return Tensor(shape: newShape, scalars: values, sourceDType: sourceDType)
  }

  /// The tensor restricted to `indices` along axis 1 (rank ≥ 2). Cost: O(result).
  func columns(_ indices: [Int]) -> Tensor {
    let inner = shape.dropFirst(2).reduce(1, *)
    let width = shape[1]
    var values: [Float] = []
    values.reserveCapacity(shape[0] * indices.count * inner)
    for r in 0..<shape[0] {
      for i in indices {
        let start = (r * width + i) * inner
        values += scalars[start..<start + inner]
      }
    }
    var newShape = shape
    newShape[1] = indices.count
    return Tensor(shape: newShape, scalars: values, sourceDType: sourceDType)
  }

  /// Rows (axis 0) whose `keep` entry is false set to 0.
  func zeroing(where keep: [Bool]) -> Tensor {
    let row = count / keep.count
    var copy = self
    for (r, kept) in keep.enumerated() where !kept {
      for i in r * row..<(r + 1) * row { copy.scalars[i] = 0 }
    }
    return copy
  }
}
