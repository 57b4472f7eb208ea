import SlimRuntime

extension PackedModel {
  /// Operators the format lets write over their first input (`add`, `sub`, `mul`, `div` over an
  /// `a` of the output's shape,
  /// `activation` over `x`, `reshape` over `x`; see `Formats/slim-v1.md`, PLAN).
  static let inPlaceOpcodes: Set<SlimOpcode> = [.add, .sub, .mul, .div, .activation, .reshape]

  /// Output tensor → the input tensor it can share memory with: the operator
  /// runs in place when its first input is an activation this operator reads
  /// last, that is not a graph input (the caller's buffer) or output, and that
  /// has the output's byte size. Cost: O(operators + tensors).
  func inPlaceAliases() -> [Int: Int] {
    var lastReader = [Int](repeating: -1, count: tensors.count)
    for (step, op) in operators.enumerated() { for tensor in op.inputs { lastReader[tensor] = step } }
    let pinned = Set(inputs).union(outputs)
    var aliases: [Int: Int] = [:]
    for (step, op) in operators.enumerated() where Self.inPlaceOpcodes.contains(op.opcode) {
      guard let source = op.inputs.first, let output = op.outputs.first, op.outputs.count == 1,
        case .activation = tensors[source].storage, lastReader[source] == step, !pinned.contains(source),
        tensors[source].shape.reduce(1, *) == tensors[output].shape.reduce(1, *)
      else { continue }
      aliases[output] = source
    }
    return aliases
  }

  /// Places every activation in the arena (`MemoryPlanner`, greedy by size)
  /// and sets `arenaSize`. Tensors joined by `inPlaceAliases` are planned as one
  /// buffer living from the first one's producer to the last one's last reader,
  /// so an in-place chain (conv → add → relu → reshape) needs one slot.
  /// Cost: that of `MemoryPlanner.plan`.
  mutating func planArena() {
    let lifetimes = activationLifetimes()
    let aliases = inPlaceAliases()
    func root(_ tensor: Int) -> Int {
      var tensor = tensor
      while let source = aliases[tensor] { tensor = source }
      return tensor
    }
    let (buffers, slotOfRoot) = LiveRanges.join(lifetimes.map { (root($0.tensor), $0.buffer) })
    let plan = MemoryPlanner.plan(buffers)
    for lifetime in lifetimes {
      tensors[lifetime.tensor].storage = .activation(arenaOffset: plan.offsets[slotOfRoot[root(lifetime.tensor)]!])
    }
    arenaSize = plan.arenaSize
  }
}
