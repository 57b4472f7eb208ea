/// A plain float interpreter of a `Graph`: the yardstick everything else is measured against.
///
/// It is written to be obviously correct rather than fast: NCHW loops that
/// read like the operator definitions, `Double` accumulation, no fusion, no
/// layout tricks, no shared buffers. Tests compare PyTorch's logits with it, and
/// the runtime's output with it.
public enum ReferenceEngine {
  /// Runs `graph` on `inputs` (one tensor per graph input, in order) and returns
  /// every graph output. Cost: one pass over each node, O(MACs) time, and every
  /// intermediate value is kept until the end (memory is not a concern here).
  public static func run(_ graph: Graph, inputs: [Tensor]) throws(ReferenceError) -> [Tensor] {
    let values = try evaluate(graph, inputs: inputs)
    return graph.outputs.map { values[$0]! }
  }

  /// Runs `graph` and returns every value it computes (inputs included), by value id.
  /// Calibration and per-layer comparisons read intermediate values through this.
  public static func evaluate(_ graph: Graph, inputs: [Tensor]) throws(ReferenceError) -> [Tensor?] {
    guard inputs.count == graph.inputs.count else {
      throw .inputCount(expected: graph.inputs.count, actual: inputs.count)
    }
    var values = [Tensor?](repeating: nil, count: graph.values.count)
    for (id, tensor) in zip(graph.inputs, inputs) {
      guard tensor.shape == graph.values[id].shape else {
        throw .inputShape(expected: graph.values[id].shape, actual: tensor.shape)
      }
      values[id] = tensor
    }
    for node in graph.nodes {
      var arguments: [Tensor] = []
      for id in node.inputs {
        guard let value = values[id] else { throw .unsetValue(node: node.name) }
        arguments.append(value)
      }
      let result = compute(node.operation, arguments, outputShape: graph.values[node.outputs[0]].shape)
      values[node.outputs[0]] = result
    }
    return values
  }

  static func compute(_ operation: GraphOperation, _ x: [Tensor], outputShape: [Int]) -> Tensor {
    switch operation {
    case .conv2d(let conv): return convolve(x[0], conv, outputShape: outputShape)
    case .batchNorm(let bn): return batchNormalize(x[0], bn)
    case .linear(let linear): return fullyConnect(x[0], linear)
    case .activation(let activation): return map(x[0], activation.apply)
    case .maxPool2d(let pool): return maxPool(x[0], pool, outputShape: outputShape)
    case .avgPool2d(let pool): return averagePool(x[0], pool, outputShape: outputShape)
    case .globalAvgPool: return globalAveragePool(x[0])
    case .flatten: return Tensor(shape: outputShape, scalars: x[0].scalars, sourceDType: x[0].sourceDType)
    case .add(let activation): return combine(x[0], x[1], activation) { $0 + $1 }
    case .mul(let activation): return combine(x[0], x[1], activation) { $0 * $1 }
    case .pad(let pad): return Self.pad(x[0], pad)
    case .upsampleNearest(let scaleH, let scaleW): return Self.upsampleNearest(x[0], scaleH, scaleW)
    case .binary(let binary):
      let operands = binary.constant.map { binary.constantFirst ? [$0, x[0]] : [x[0], $0] } ?? x
      return combine(operands[0], operands[1], binary.activation, binary.apply)
    case .concat(let axis): return concatenate(x, axis: axis, outputShape: outputShape)
    case .reshape: return Tensor(shape: outputShape, scalars: x[0].scalars, sourceDType: x[0].sourceDType)
    case .selectChannels(let indexes): return selectChannels(x[0], indexes: indexes, outputShape: outputShape)
    }
  }

  static func map(_ x: Tensor, _ f: (Double) -> Double) -> Tensor {
    Tensor(shape: x.shape, scalars: x.scalars.map { Float(f(Double($0))) })
  }
}
