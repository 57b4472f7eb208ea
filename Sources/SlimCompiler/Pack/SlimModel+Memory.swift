import SlimRuntime

extension SlimModel {
  /// The largest total of simultaneously live activation bytes: the lower bound
  /// any arena plan must meet, computed from the loaded model the way
  /// `PackedModel.activationLifetimes` does before writing (a tensor lives from
  /// the operator that writes it, or 0 for inputs, through its last reader, or
  /// past the end for outputs). Cost: O(operators · activations).
  public var peakLiveBytes: Int {
    var first = [Int?](repeating: nil, count: tensors.count)
    var last = [Int](repeating: 0, count: tensors.count)
    for input in inputIndices { first[input] = 0 }
    for (step, op) in operators.enumerated() {
      for tensor in op.outputs where first[tensor] == nil { first[tensor] = step }
      for tensor in op.inputs { last[tensor] = max(last[tensor], step) }
    }
    for output in outputIndices { last[output] = operators.count }
    let buffers = tensors.indices.compactMap { index -> MemoryPlanner.Buffer? in
      guard tensors[index].storage == .activation, let start = first[index] else { return nil }
      return MemoryPlanner.Buffer(bytes: tensors[index].byteSize, first: start, last: max(last[index], start))
    }
    return MemoryPlanner.peakLiveBytes(buffers)
  }
}
