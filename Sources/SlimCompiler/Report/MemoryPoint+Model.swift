import SlimRuntime

extension MemoryPoint {
  /// Live activation bytes and arena high-water mark at each step of `model`, from
  /// the buffers of `SlimModel.plannedBuffers` (a tensor overwritten in place counts
  /// once with the one it overwrites). Cost: O(operators · activations).
  static func curve(of model: SlimModel) -> [MemoryPoint] {
    let buffers = model.plannedBuffers()
    return model.operators.indices.map { step in
      let live = buffers.filter { $0.buffer.first <= step && step <= $0.buffer.last }
      return MemoryPoint(
        step: step, liveBytes: live.reduce(0) { $0 + $1.buffer.bytes },
        arenaHighWaterBytes: live.map { $0.offset + $0.buffer.bytes }.max() ?? 0)
    }
  }
}
