/// When each tensor of an operator sequence is live, computed one way for the memory
/// planner (on the `PackedModel`, before writing) and for the lower bound that
/// `slim-run --bench` prints (on the loaded `SlimModel`), so the two cannot drift apart.
enum LiveRanges {
  /// For each of `tensorCount` tensors, the first step that writes it (0 for graph
  /// inputs; nil when nothing does) and the last step that reads it (`steps.count` for
  /// graph outputs, which the caller reads after the run; 0 when nothing does).
  /// `steps` holds each operator's (inputs, outputs). Cost: O(tensors + operands).
  static func compute(
    tensorCount: Int, inputs: [Int], outputs: [Int], steps: [(inputs: [Int], outputs: [Int])]
  ) -> [(first: Int?, last: Int)] {
    var first = [Int?](repeating: nil, count: tensorCount)
    var last = [Int](repeating: 0, count: tensorCount)
    for input in inputs { first[input] = 0 }
    for (step, op) in steps.enumerated() {
      for tensor in op.outputs where first[tensor] == nil { first[tensor] = step }
      for tensor in op.inputs { last[tensor] = max(last[tensor], step) }
    }
    for output in outputs { last[output] = steps.count }
    return zip(first, last).map { (first: $0, last: $1) }
  }

  /// The buffer of a tensor of `bytes` with live range `range`, or nil when nothing
  /// writes it; a tensor that nothing reads lives only during the step that writes it.
  static func buffer(bytes: Int, _ range: (first: Int?, last: Int)) -> MemoryPlanner.Buffer? {
    guard let start = range.first else { return nil }
    return MemoryPlanner.Buffer(bytes: bytes, first: start, last: max(range.last, start))
  }

  /// Joins the buffers of tensors that share memory (the same `key`: the first
  /// tensor of an in-place chain) into one, live through all of them and as large
  /// as the largest. Returns the joined buffers, in order of each key's first
  /// member, and each key's index among them. Cost: O(members).
  static func join(
    _ members: [(key: Int, buffer: MemoryPlanner.Buffer)]
  ) -> (buffers: [MemoryPlanner.Buffer], slotOfKey: [Int: Int]) {
    var slotOfKey: [Int: Int] = [:]
    var buffers: [MemoryPlanner.Buffer] = []
    for (key, buffer) in members {
      if let slot = slotOfKey[key] {
        buffers[slot].first = min(buffers[slot].first, buffer.first)
        buffers[slot].last = max(buffers[slot].last, buffer.last)
        buffers[slot].bytes = max(buffers[slot].bytes, buffer.bytes)
      } else {
        slotOfKey[key] = buffers.count
        buffers.append(buffer)
      }
    }
    return (buffers, slotOfKey)
  }
}
