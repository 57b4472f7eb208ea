import SlimRuntime

extension SlimModel {
  /// The largest total of simultaneously live activation bytes: the lower bound
  /// any arena plan with the same in-place choices must meet (`plannedBuffers`).
  /// Counting an in-place operator's input and output apart, PreResNet-164's arena
  /// had come out at 0.83x this "bound". Cost: O(operators · activations).
  public var peakLiveBytes: Int { MemoryPlanner.peakLiveBytes(plannedBuffers().map(\.buffer)) }

  /// The activations as the plan holds them, each with its arena offset: a tensor
  /// lives from the operator that writes it (0 for inputs) through its last reader
  /// (past the end for outputs), as `PackedModel.activationLifetimes` computes before
  /// writing, and an in-place chain (`inPlaceRoots`) is one buffer living through
  /// all of its tensors, as `PackedModel.planArena` planned it. Cost: O(operators + tensors).
  func plannedBuffers() -> [(buffer: MemoryPlanner.Buffer, offset: Int)] {
    let ranges = LiveRanges.compute(
      tensorCount: tensors.count, inputs: inputIndices, outputs: outputIndices,
      steps: operators.map { ($0.inputs, $0.outputs) })
    let roots = inPlaceRoots()
    let members = tensors.indices.compactMap { index -> (key: Int, buffer: MemoryPlanner.Buffer)? in
      guard tensors[index].storage == .activation,
        let buffer = LiveRanges.buffer(bytes: tensors[index].byteSize, ranges[index])
      else { return nil }
      return (roots[index], buffer)
    }
    let (buffers, slotOfRoot) = LiveRanges.join(members)
    var offsets = [Int](repeating: 0, count: buffers.count)
    for (root, slot) in slotOfRoot { offsets[slot] = tensors[root].offset }
    return Array(zip(buffers, offsets)).map { (buffer: $0, offset: $1) }
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
