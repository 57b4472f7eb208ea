import SlimRuntime

/// Turns an optimized `Graph` into the flat, planned `PackedModel` the writer serializes:
/// operators become opcode records, weights become constant tensors, activations
/// get arena offsets from `MemoryPlanner`.
public enum Lowering {
  /// Why a graph cannot be expressed in the `.slim` format.
  public enum Failure: Error, CustomStringConvertible {
    case unsupported(node: String, detail: String)
    public var description: String {
      switch self {
      case .unsupported(let node, let detail): return "node '\(node)' cannot be packed: \(detail)"
      }
    }
  }

  /// Lowers `graph`. Metadata is left empty for the caller to fill.
  public static func lower(_ graph: Graph) throws(Failure) -> PackedModel {
    for value in graph.values
    where !(1...4).contains(value.shape.count) || value.shape.contains(where: { !(1...(1 << 24)).contains($0) }) {
      throw .unsupported(
        node: value.name, detail: "shape \(value.shape) is outside the format's rank 1...4 and extent 1...2^24")
    }
    var tensors: [PackedModel.TensorEntry] = []
    var activationIndex: [Graph.ValueID: Int] = [:]
    func activation(_ id: Graph.ValueID) -> Int {
      if let index = activationIndex[id] { return index }
      tensors.append(.init(shape: graph.values[id].shape, storage: .activation(arenaOffset: 0)))
      activationIndex[id] = tensors.count - 1
      return tensors.count - 1
    }
    func constant(_ tensor: Tensor) -> Int {
      tensors.append(.init(shape: tensor.shape, storage: .constant(tensor.scalars)))
      return tensors.count - 1
    }

    let inputs = graph.inputs.map(activation)
    var operators: [PackedModel.OperatorEntry] = []
    for node in graph.nodes {
      let sources = node.inputs.map(activation)
      var entry = try record(for: node, constant: constant)
      entry.inputs = operands(of: node.operation, sources: sources, constants: entry.inputs)
      entry.outputs = node.outputs.map(activation)
      operators.append(entry)
    }
    var packed = PackedModel(
      tensors: tensors, operators: operators, inputs: inputs, outputs: graph.outputs.map(activation),
      arenaSize: 0, metadata: [])
    packed.planArena()
    return packed
  }

  /// The operator record for `node`, with its constant inputs (weights, bias) already
  /// appended through `constant`; activation inputs and outputs are filled by the caller.
  static func record(
    for node: Graph.Node, constant: (Tensor) -> Int
  ) throws(Failure) -> PackedModel.OperatorEntry {
    func entry(_ opcode: SlimOpcode, _ activation: Activation = .none, constants: [Int] = [], params: [Int] = [])
      -> PackedModel.OperatorEntry
    {
      PackedModel.OperatorEntry(
        opcode: opcode, activation: SlimActivation(activation), inputs: constants, outputs: [],
        params: params.map { Int32(clamping: $0) })
    }
    switch node.operation {
    case .conv2d(let conv):
      let constants = [constant(conv.weight)] + (conv.bias.map { [constant($0)] } ?? [])
      return entry(
        .conv2d, conv.activation, constants: constants,
        params: [
          conv.stride.h, conv.stride.w, conv.padding.top, conv.padding.left, conv.padding.bottom,
          conv.padding.right, conv.dilation.h, conv.dilation.w, conv.groups,
        ])
    case .batchNorm(let bn):
      // A batch norm that could not be folded is a per-channel scale and shift:
      // a depthwise 1x1 convolution, which the runtime already has.
      let scale = (0..<bn.channels).map { c -> Double in
        Double(bn.gamma.scalars[c]) / (Double(bn.runningVar.scalars[c]) + bn.epsilon).squareRoot()
      }
      let shift = (0..<bn.channels).map { c -> Float in
        Float(Double(bn.beta.scalars[c]) - Double(bn.runningMean.scalars[c]) * scale[c])
      }
      let weight = Tensor(shape: [bn.channels, 1, 1, 1], scalars: scale.map { Float($0) })
      return entry(
        .conv2d, constants: [constant(weight), constant(Tensor(shape: [bn.channels], scalars: shift))],
        params: [1, 1, 0, 0, 0, 0, 1, 1, bn.channels])
    case .linear(let linear):
      let constants = [constant(linear.weight)] + (linear.bias.map { [constant($0)] } ?? [])
      return entry(.linear, linear.activation, constants: constants)
    case .activation(let activation):
      return entry(.activation, activation)
    case .maxPool2d(let pool):
      return entry(.maxPool2d, params: poolParams(pool))
    case .avgPool2d(let pool):
      return entry(.avgPool2d, params: poolParams(pool))
    case .globalAvgPool:
      return entry(.globalAvgPool)
    case .flatten:
      return entry(.reshape)
    case .add(let activation):
      return entry(.add, activation)
    case .mul(let activation):
      return entry(.mul, activation)
    case .binary(let binary):
      let opcode: SlimOpcode =
        switch binary.function {
        case .add: .add
        case .sub: .sub
        case .mul: .mul
        case .div: .div
        }
      return entry(opcode, binary.activation, constants: binary.constant.map { [constant($0)] } ?? [])
    case .pad(let pad):
      let value = Int(Int32(bitPattern: pad.value.bitPattern))
      return entry(.pad, params: [pad.top, pad.left, pad.bottom, pad.right, value])
    case .upsampleNearest(let scaleH, let scaleW):
      return entry(.upsampleNearest, params: [scaleH, scaleW])
    case .concat(let axis):
      return entry(.concat, params: [axis])
    case .reshape:
      return entry(.reshape)
    case .selectChannels(let indexes):
      return entry(.gatherChannels, params: indexes)
    }
  }

  /// A record's inputs: the first activation, then the constants `record` added, then any
  /// further activations; an element-wise operation with its constant first (`c − x`)
  /// reads the constant first.
  static func operands(of operation: GraphOperation, sources: [Int], constants: [Int]) -> [Int] {
    let inputs = [sources[0]] + constants + sources.dropFirst()
    if case .binary(let binary) = operation, binary.constantFirst { return Array(inputs.reversed()) }
    return inputs
  }

  static func poolParams(_ pool: GraphOperation.Pool2D) -> [Int] {
    [
      pool.kernel.h, pool.kernel.w, pool.stride.h, pool.stride.w, pool.padding.top, pool.padding.left,
      pool.padding.bottom, pool.padding.right, pool.ceilMode ? 1 : 0, pool.countIncludePad ? 1 : 0,
    ]
  }
}

extension SlimActivation {
  init(_ activation: Activation) {
    switch activation {
    case .none: self = .none
    case .relu: self = .relu
    case .relu6: self = .relu6
    case .leakyRelu(let alpha): self = .leakyRelu(alpha: alpha)
    case .sigmoid: self = .sigmoid
    case .hardSigmoid(let alpha, let beta): self = .hardSigmoid(alpha: alpha, beta: beta)
    case .hardSwish: self = .hardSwish
    case .clip(let low, let high): self = .clip(min: low, max: high)
    }
  }
}
