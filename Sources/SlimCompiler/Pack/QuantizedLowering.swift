import SlimRuntime

/// Turns a `QuantizedGraph` into a planned `PackedModel`: int8 nodes become opcodes
/// 20...33 with their integer constants as int8/int32 tensors, float nodes lower as
/// `Lowering` lowers them, and every value gets an arena offset.
public enum QuantizedLowering {
  public static func lower(_ graph: QuantizedGraph) throws(Lowering.Failure) -> PackedModel {
    var tensors: [PackedModel.TensorEntry] = []
    var activationIndex: [QuantizedGraph.ValueID: Int] = [:]
    func activation(_ id: QuantizedGraph.ValueID) -> Int {
      if let index = activationIndex[id] { return index }
      let value = graph.values[id]
      let dtype: SlimDType
      switch value.representation {
      case .float32: dtype = .float32
      case .int8: dtype = .int8
      case .uint8: dtype = .uint8
      }
      tensors.append(.init(shape: value.shape, storage: .activation(arenaOffset: 0), dtype: dtype))
      activationIndex[id] = tensors.count - 1
      return tensors.count - 1
    }
    func floatConstant(_ tensor: Tensor) -> Int {
      tensors.append(.init(shape: tensor.shape, storage: .constant(tensor.scalars)))
      return tensors.count - 1
    }
    func bytes(_ shape: [Int], _ dtype: SlimDType, _ data: [UInt8]) -> Int {
      tensors.append(.init(shape: shape, storage: .constantBytes(data), dtype: dtype))
      return tensors.count - 1
    }
    func int32(_ shape: [Int], _ values: [Int32]) -> Int {
      bytes(shape, .int32, values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> ($0 * 8)) } })
    }
    /// Weight, bias and requantization (`[2, O]`: multipliers, then shifts) tensors of a quantized layer.
    func weightTensors(_ q: QuantizedWeights) -> [Int] {
      let channels = q.shape[0]
      return [
        bytes(q.shape, .int8, q.weight.map { UInt8(bitPattern: $0) }), int32([channels], q.bias),
        int32([2, channels], q.requantization.map(\.multiplier) + q.requantization.map(\.shift)),
      ]
    }

    let inputs = graph.inputs.map(activation)
    var operators: [PackedModel.OperatorEntry] = []
    for node in graph.nodes {
      let sources = node.inputs.map(activation)
      var entry: PackedModel.OperatorEntry
      func int8(_ opcode: SlimOpcode, constants: [Int] = [], params: [Int]) -> PackedModel.OperatorEntry {
        PackedModel.OperatorEntry(
          opcode: opcode, inputs: [sources[0]] + constants + sources.dropFirst(), outputs: [],
          params: params.map { Int32(clamping: $0) })
      }
      switch node.operation {
      case .quantize(let p):
        entry = int8(.quantize, params: [Int(p.zeroPoint), Int(Int32(bitPattern: p.scale.bitPattern))])
      case .dequantize(let p):
        entry = int8(.dequantize, params: [Int(p.zeroPoint), Int(Int32(bitPattern: p.scale.bitPattern))])
      case .quantizePixels(let table):
        let constant = bytes([table.channels, PixelTable.width], .int8, table.entries.map { UInt8(bitPattern: $0) })
        entry = int8(.quantizePixels, constants: [constant], params: [])
      case .conv2d(let conv):
        let c = conv.layer, q = conv.weights
        entry = int8(
          .conv2dInt8, constants: weightTensors(q),
          params: [
            c.stride.h, c.stride.w, c.padding.top, c.padding.left, c.padding.bottom, c.padding.right, c.dilation.h,
            c.dilation.w, c.groups,
          ] + stageParams(q))
      case .linear(let linear):
        entry = int8(.linearInt8, constants: weightTensors(linear.weights), params: stageParams(linear.weights))
      case .maxPool2d(let pool):
        entry = int8(.maxPool2dInt8, params: Lowering.poolParams(pool))
      case .avgPool2d(let pool):
        entry = int8(.avgPool2dInt8, params: Lowering.poolParams(pool))
      case .globalAvgPool:
        entry = int8(.globalAvgPoolInt8, params: [])
      case .reshape:
        entry = int8(.reshapeInt8, params: [])
      case .add(let a):
        entry = int8(
          .addInt8,
          params: [a.aZeroPoint, a.bZeroPoint, a.outputZeroPoint, a.a.multiplier, a.a.shift, a.b.multiplier, a.b.shift]
            .map(Int.init)
            + [a.output.multiplier, a.output.shift, a.outputMin, a.outputMax].map(Int.init))
      case .singleRoundingAdd(let a):
        entry = int8(
          .addInt8SingleRounding,
          params: [
            a.aZeroPoint, a.bZeroPoint, a.outputZeroPoint, a.aMultiplier, a.bMultiplier, a.shift, a.outputMin,
            a.outputMax,
          ].map(Int.init))
      case .scaleShift(let s):
        let constants = int32([3, s.multipliers.count], s.multipliers + s.offsets + s.shifts)
        entry = int8(.scaleShiftInt8, constants: [constants], params: [s.outputMin, s.outputMax].map(Int.init))
      case .gatherChannels(let indexes):
        entry = int8(.gatherChannelsInt8, params: indexes)
      case .concat(let c):
        var params = [c.axis, Int(c.outputZeroPoint)]
        for (zeroPoint, rescale) in zip(c.inputZeroPoints, c.rescales) {
          params += [Int(zeroPoint), Int(rescale.multiplier), Int(rescale.shift)]
        }
        entry = int8(.concatInt8, params: params)
      case .float(let operation):
        let floatNode = Graph.Node(name: node.name, operation: operation, inputs: node.inputs, outputs: [node.output])
        entry = try Lowering.record(for: floatNode, constant: floatConstant)
        entry.inputs = Lowering.operands(of: operation, sources: sources, constants: entry.inputs)
      }
      entry.outputs = [activation(node.output)]
      operators.append(entry)
    }
    var packed = PackedModel(
      tensors: tensors, operators: operators, inputs: inputs, outputs: graph.outputs.map(activation), arenaSize: 0)
    let lifetimes = packed.activationLifetimes()
    let plan = MemoryPlanner.plan(lifetimes.map(\.buffer))
    for (slot, lifetime) in lifetimes.enumerated() {
      packed.tensors[lifetime.tensor].storage = .activation(arenaOffset: plan.offsets[slot])
    }
    packed.arenaSize = plan.arenaSize
    return packed
  }

  private static func stageParams(_ q: QuantizedWeights) -> [Int] {
    [q.inputZeroPoint, q.outputZeroPoint, q.outputMin, q.outputMax].map(Int.init)
  }
}
