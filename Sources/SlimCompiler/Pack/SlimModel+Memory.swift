import SlimRuntime

extension SlimModel {
  /// The largest total of simultaneously live activation bytes: the lower bound
  /// any arena plan with the same in-place choices must meet, computed from the
  /// loaded model the way `PackedModel.activationLifetimes` does before writing (a
  /// tensor lives from the operator that writes it, or 0 for inputs, through its
  /// last reader, or past the end for outputs). An operator whose output has its
  /// first input's arena offset runs in place, so the two count once, as one
  /// buffer living through both (as `PackedModel.planArena` planned them); counted
  /// apart, PreResNet-164's arena came out at 0.83x this "bound".
  /// Cost: O(operators · activations).
  public var peakLiveBytes: Int {
    let ranges = LiveRanges.compute(
      tensorCount: tensors.count, inputs: inputIndices, outputs: outputIndices,
      steps: operators.map { ($0.inputs, $0.outputs) })
    let roots = inPlaceRoots()
    var slotOfRoot: [Int: Int] = [:]
    var buffers: [MemoryPlanner.Buffer] = []
    for index in tensors.indices where tensors[index].storage == .activation {
      guard let buffer = LiveRanges.buffer(bytes: tensors[index].byteSize, ranges[index]) else { continue }
      if let slot = slotOfRoot[roots[index]] {
        buffers[slot].first = min(buffers[slot].first, buffer.first)
        buffers[slot].last = max(buffers[slot].last, buffer.last)
        buffers[slot].bytes = max(buffers[slot].bytes, buffer.bytes)
      } else {
        slotOfRoot[roots[index]] = buffers.count
        buffers.append(buffer)
      }
    }
    return MemoryPlanner.peakLiveBytes(buffers)
  }

  /// For each tensor, the first tensor of the in-place chain it belongs to (itself
  /// when none): an operator whose output has its first input's arena offset runs in
  /// place, so the two are one buffer. Cost: O(operators + tensors · chain length).
  func inPlaceRoots() -> [Int] {
    var sources: [Int: Int] = [:]
    for op in operators {
      guard let output = op.outputs.first, let source = op.inputs.first, source != output,
        tensors[source].storage == .activation, tensors[output].storage == .activation,
        tensors[source].offset == tensors[output].offset
      else { continue }
      sources[output] = source
    }
    return tensors.indices.map { tensor in
      var root = tensor
      // A chain is at most as long as the model has operators (guards a hostile cycle).
      for _ in 0...operators.count { if let source = sources[root] { root = source } else { break } }
      return root
    }
  }
}
