extension PackedModel {
  /// Each activation tensor's live range as a closed interval of operator indices:
  /// from the operator that writes it (0 for graph inputs) to the last operator that
  /// reads it (one past the last operator for graph outputs, which the caller reads).
  public func activationLifetimes() -> [(tensor: Int, buffer: MemoryPlanner.Buffer)] {
    let ranges = LiveRanges.compute(
      tensorCount: tensors.count, inputs: inputs, outputs: outputs, steps: operators.map { ($0.inputs, $0.outputs) })
    return tensors.indices.compactMap { index in
      guard case .activation = tensors[index].storage,
        let buffer = LiveRanges.buffer(bytes: tensors[index].byteSize, ranges[index])
      else { return nil }
      return (index, buffer)
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
