import SlimRuntime

extension MemoryPoint {
  /// Live activation bytes and arena high-water mark at each step of `model`; a
  /// tensor overwritten in place counts once with the one it overwrites
  /// (`SlimModel.inPlaceRoots`). Cost: O(operators · activations).
  static func curve(of model: SlimModel) -> [MemoryPoint] {
    let steps = model.operators.count
    var first = [Int](repeating: Int.max, count: model.tensors.count)
    var last = [Int](repeating: -1, count: model.tensors.count)
    for id in model.inputIndices { first[id] = 0 }
    for (step, op) in model.operators.enumerated() {
      for id in op.outputs { first[id] = min(first[id], step) }
      for id in op.inputs { last[id] = max(last[id], step) }
    }
    for id in model.outputIndices { last[id] = steps - 1 }
    let roots = model.inPlaceRoots()
    return (0..<steps).map { step in
      var liveByRoot: [Int: Int] = [:]
      var highWater = 0
      for (id, tensor) in model.tensors.enumerated()
      where tensor.storage == .activation && first[id] <= step && step <= max(last[id], first[id]) {
        liveByRoot[roots[id], default: 0] = max(liveByRoot[roots[id], default: 0], tensor.byteSize)
        highWater = max(highWater, tensor.offset + tensor.byteSize)
      }
      return MemoryPoint(step: step, liveBytes: liveByRoot.values.reduce(0, +), arenaHighWaterBytes: highWater)
    }
  }
}
