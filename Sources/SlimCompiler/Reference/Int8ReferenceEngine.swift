/// A plain interpreter of a `QuantizedGraph`: the int8 yardstick the runtime's int8
/// kernels must equal bit for bit. Loops read like the definitions in
/// `Formats/slim-v1.md`; sums are exact in `Int64` and wrapped to int32 only where
/// the spec says the accumulator is int32.
public enum Int8ReferenceEngine {
  /// A value's data: float32, int8, or uint8 pixels (a pixel-input graph's input).
  public enum Data: Sendable, Equatable {
    case float([Float])
    case int8([Int8])
    case uint8([UInt8])

    /// Real values: floats as they are, int8 dequantized with `parameters`, pixels as 0...255.
    public func real(_ parameters: QuantizationParameters?) -> [Float] {
      switch self {
      case .float(let values): return values
      case .int8(let values): return values.map { parameters?.dequantize($0) ?? Float($0) }
      case .uint8(let values): return values.map(Float.init)
      }
    }
  }

  /// Runs `graph` and returns its outputs as float (graph outputs are float32).
  public static func run(_ graph: QuantizedGraph, inputs: [Tensor]) throws(ReferenceError) -> [[Float]] {
    let values = try evaluate(graph, inputs: inputs)
    return graph.outputs.map { values[$0]!.real(graph.parameters(of: $0)) }
  }

  /// Runs a pixel-input `graph` on uint8 HWC `pixels` (one array per graph input).
  public static func run(_ graph: QuantizedGraph, pixels: [[UInt8]]) throws(ReferenceError) -> [[Float]] {
    let values = try evaluate(graph, inputs: pixels.map { Data.uint8($0) })
    return graph.outputs.map { values[$0]!.real(graph.parameters(of: $0)) }
  }

  /// Every value the graph computes, by id, for float32 inputs. Cost: O(MACs), all values kept.
  public static func evaluate(_ graph: QuantizedGraph, inputs: [Tensor]) throws(ReferenceError) -> [Data?] {
    for (id, tensor) in zip(graph.inputs, inputs) where tensor.shape != graph.values[id].shape {
      throw .inputShape(expected: graph.values[id].shape, actual: tensor.shape)
    }
    return try evaluate(graph, inputs: inputs.map { Data.float($0.scalars) })
  }

  /// Every value the graph computes, by id. Each input's data must have its value's
  /// representation (float for float32 inputs, uint8 for pixels) and element count.
  /// Cost: O(MACs), all values kept.
  public static func evaluate(_ graph: QuantizedGraph, inputs: [Data]) throws(ReferenceError) -> [Data?] {
    guard inputs.count == graph.inputs.count else {
      throw .inputCount(expected: graph.inputs.count, actual: inputs.count)
    }
    var values = [Data?](repeating: nil, count: graph.values.count)
    for (id, data) in zip(graph.inputs, inputs) {
      let value = graph.values[id]
      let count: Int
      switch (value.representation, data) {
      case (.float32, .float(let v)): count = v.count
      case (.uint8, .uint8(let v)): count = v.count
      default: throw .inputType(expected: value.representation == .uint8 ? "uint8 pixels" : "float32")
      }
      guard count == value.shape.reduce(1, *) else {
        throw .inputSize(expected: value.shape.reduce(1, *), actual: count)
      }
      values[id] = data
    }
    for node in graph.nodes {
      var arguments: [Data] = []
      for id in node.inputs {
        guard let value = values[id] else { throw .unsetValue(node: node.name) }
        arguments.append(value)
      }
      values[node.output] = compute(node, arguments, graph: graph)
    }
    return values
  }

  static func compute(_ node: QuantizedGraph.Node, _ x: [Data], graph: QuantizedGraph) -> Data {
    let shapes = node.inputs.map { graph.values[$0].shape }
    let outputShape = graph.values[node.output].shape
    func ints(_ i: Int) -> [Int8] {
      if case .int8(let v) = x[i] { return v }
      preconditionFailure("node '\(node.name)' expects int8 input \(i)")
    }
    func floats(_ i: Int) -> [Float] {
      if case .float(let v) = x[i] { return v }
      preconditionFailure("node '\(node.name)' expects float input \(i)")
    }
    func pixels(_ i: Int) -> [UInt8] {
      if case .uint8(let v) = x[i] { return v }
      preconditionFailure("node '\(node.name)' expects uint8 input \(i)")
    }
    switch node.operation {
    case .quantize(let p): return .int8(floats(0).map { Int8Arithmetic.quantize($0, p) })
    case .dequantize(let p): return .float(ints(0).map(p.dequantize))
    case .quantizePixels(let table): return .int8(quantizePixels(pixels(0), shape: shapes[0], table))
    case .conv2d(let conv): return .int8(convolve(ints(0), shape: shapes[0], conv, outputShape: outputShape))
    case .linear(let linear): return .int8(fullyConnect(ints(0), linear.weights))
    case .maxPool2d(let pool): return .int8(maxPool(ints(0), shape: shapes[0], pool, outputShape: outputShape))
    case .avgPool2d(let pool): return .int8(averagePool(ints(0), shape: shapes[0], pool, outputShape: outputShape))
    case .globalAvgPool: return .int8(globalAveragePool(ints(0), shape: shapes[0]))
    case .reshape: return .int8(ints(0))
    case .add(let add): return .int8(self.add(ints(0), ints(1), add))
    case .singleRoundingAdd(let add): return .int8(self.add(ints(0), ints(1), add))
    case .gatherChannels(let indexes): return .int8(gatherChannels(ints(0), shape: shapes[0], indexes))
    case .scaleShift(let scaleShift): return .int8(self.scaleShift(ints(0), shape: shapes[0], scaleShift))
    case .concat(let concat):
      return .int8(concatenate((0..<x.count).map(ints), shapes: shapes, concat, outputShape: outputShape))
    case .float(let operation):
      let tensors = zip(shapes, (0..<x.count).map(floats)).map { Tensor(shape: $0, scalars: $1) }
      return .float(ReferenceEngine.compute(operation, tensors, outputShape: outputShape).scalars)
    }
  }
}
