extension PackedModel {
  /// Each activation tensor's live range as a closed interval of operator indices:
  /// from the operator that writes it (0 for graph inputs) to the last operator that
  /// reads it (one past the last operator for graph outputs, which the caller reads).
  public func activationLifetimes() -> [(tensor: Int, buffer: MemoryPlanner.Buffer)] {
    var first = [Int?](repeating: nil, count: tensors.count)
    var last = [Int](repeating: 0, count: tensors.count)
    for input in inputs { first[input] = 0 }
    for (step, op) in operators.enumerated() {
      for tensor in op.outputs where first[tensor] == nil { first[tensor] = step }
      for tensor in op.inputs { last[tensor] = max(last[tensor], step) }
    }
    for output in outputs { last[output] = operators.count }
    return tensors.indices.compactMap { index in
      guard case .activation = tensors[index].storage, let start = first[index] else { return nil }
      let bytes = tensors[index].byteSize
      return (index, MemoryPlanner.Buffer(bytes: bytes, first: start, last: max(last[index], start)))
    }
  }

  /// Bytes of all constant tensors (weights and biases) as stored, before compression.
  public var constantByteCount: Int {
    tensors.reduce(0) { total, tensor in
      switch tensor.storage {
      case .constant(let values): return total + values.count * 4
      case .constantBytes(let bytes): return total + bytes.count
      case .activation: return total
      }
    }
  }
}
