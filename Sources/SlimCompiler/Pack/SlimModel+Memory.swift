import SlimRuntime

extension SlimModel {
  /// The largest total of simultaneously live activation bytes: the lower bound
  /// any arena plan must meet, computed from the loaded model the way
  /// `PackedModel.activationLifetimes` does before writing (a tensor lives from
  /// the operator that writes it, or 0 for inputs, through its last reader, or
  /// past the end for outputs). Cost: O(operators · activations).
  public var peakLiveBytes: Int {
    let ranges = LiveRanges.compute(
      tensorCount: tensors.count, inputs: inputIndices, outputs: outputIndices,
      steps: operators.map { ($0.inputs, $0.outputs) })
    let buffers = tensors.indices.compactMap { index -> MemoryPlanner.Buffer? in
      guard tensors[index].storage == .activation else { return nil }
      return LiveRanges.buffer(bytes: tensors[index].byteSize, ranges[index])
    }
    return MemoryPlanner.peakLiveBytes(buffers)
  }
}
