extension Quantizer {
  /// Appends `node` as int8 when it can be, else as float.
  mutating func lower(_ node: Graph.Node, keepFloat: Bool) {
    // An activation other than a clamp (sigmoid, hard-swish, ...) has no int8 kernel: keep the layer float.
    let keepFloat = keepFloat || !node.operation.fusedActivationIsInt8Clamp
    let output = node.outputs[0]
    /// Whether the node's first input is only available as int8 (so shape-only
    /// operations stay in int8 rather than round-tripping through float).
    let inputIsInt8 = node.inputs.first.map { floatVersion[$0] == nil } ?? false
    switch node.operation {
    case .conv2d(let conv) where !keepFloat:
      let x = asInt8(node.inputs[0])
      if rounding == .single,
        QuantizedScaleShift.isEligible(conv, inputChannels: graph.values[node.inputs[0]].shape[1]),
        let scaleShift = QuantizedScaleShift(
          scale: conv.weight.scalars, shift: conv.bias?.scalars, input: result.parameters(of: x)!,
          output: parameters(output), clamp: Self.clamp(conv.activation, parameters(output)))
      {
        int8Version[output] = append(
          .scaleShift(scaleShift), inputs: [x], producing: output, as: .int8(parameters(output)))
        return
      }
      let weights = quantizeWeights(
        conv.weight, bias: conv.bias, activation: conv.activation, input: result.parameters(of: x)!, output: output)
      let p = parameters(output)
      int8Version[output] = append(
        .conv2d(QuantizedConv2D(layer: conv, weights: weights)), inputs: [x], producing: output, as: .int8(p))
    case .linear(let linear) where !keepFloat:
      let x = asInt8(node.inputs[0])
      let weights = quantizeWeights(
        linear.weight, bias: linear.bias, activation: linear.activation, input: result.parameters(of: x)!,
        output: output)
      int8Version[output] = append(
        .linear(QuantizedLinear(weights: weights)), inputs: [x], producing: output, as: .int8(parameters(output)))
    case .maxPool2d(let pool) where !keepFloat && inputIsInt8:
      int8Version[output] = sharedScale(.maxPool2d(pool), node)
    case .avgPool2d(let pool) where !keepFloat && inputIsInt8:
      int8Version[output] = sharedScale(.avgPool2d(pool), node)
    case .globalAvgPool where !keepFloat && inputIsInt8:
      int8Version[output] = sharedScale(.globalAvgPool, node)
    // `gatherChannelsInt8` is a format 1.7 opcode: the `tflite` form, for older runtimes, keeps
    // selections float32.
    case .selectChannels(let indexes) where !keepFloat && inputIsInt8 && rounding == .single:
      int8Version[output] = sharedScale(.gatherChannels(indexes), node)
    case .flatten where !keepFloat && inputIsInt8:
      int8Version[output] = sharedScale(.reshape, node)
    // The int8 add takes equal shapes only; a per-channel broadcast stays float.
    case .add(let activation)
    where !keepFloat && graph.values[node.inputs[0]].shape == graph.values[node.inputs[1]].shape:
      let a = asInt8(node.inputs[0]), b = asInt8(node.inputs[1])
      let (pa, pb, po) = (result.parameters(of: a)!, result.parameters(of: b)!, parameters(output))
      let clamp = Self.clamp(activation, po)
      if rounding == .single, let add = QuantizedSingleRoundingAdd(a: pa, b: pb, output: po, clamp: clamp) {
        int8Version[output] = append(.singleRoundingAdd(add), inputs: [a, b], producing: output, as: .int8(po))
        return
      }
      // TensorFlow Lite's scheme: inputs to a common scale 2·max(sa, sb), 20 bits of headroom.
      let twiceMax = 2 * max(Double(pa.scale), Double(pb.scale))
      let add = QuantizedAdd(
        aZeroPoint: pa.zeroPoint, bZeroPoint: pb.zeroPoint, outputZeroPoint: po.zeroPoint,
        a: FixedPointMultiplier(Double(pa.scale) / twiceMax), b: FixedPointMultiplier(Double(pb.scale) / twiceMax),
        output: FixedPointMultiplier(twiceMax / (Double(1 << 20) * Double(po.scale))), outputMin: clamp.lowerBound,
        outputMax: clamp.upperBound)
      int8Version[output] = append(.add(add), inputs: [a, b], producing: output, as: .int8(po))
    case .concat(let axis) where !keepFloat:
      let inputs = node.inputs.map { asInt8($0) }
      let po = parameters(output)
      let concat = QuantizedConcat(
        axis: axis, outputZeroPoint: po.zeroPoint, inputZeroPoints: inputs.map { result.parameters(of: $0)!.zeroPoint },
        rescales: inputs.map { FixedPointMultiplier(Double(result.parameters(of: $0)!.scale) / Double(po.scale)) })
      int8Version[output] = append(.concat(concat), inputs: inputs, producing: output, as: .int8(po))
    default:
      let inputs = node.inputs.map { asFloat($0) }
      floatVersion[output] = append(.float(node.operation), inputs: inputs, producing: output, as: .float32)
    }
  }

  /// An int8 operation whose output keeps its input's scale and zero point.
  private mutating func sharedScale(_ operation: QuantizedOperation, _ node: Graph.Node) -> QuantizedGraph.ValueID {
    let x = int8Version[node.inputs[0]]!
    return append(operation, inputs: [x], producing: node.outputs[0], as: result.values[x].representation)
  }

  /// A fused activation as an int8 clamp in `p`'s scale.
  static func clamp(_ activation: Activation, _ p: QuantizationParameters) -> ClosedRange<Int32> {
    switch activation {
    case .none: return -128...127
    case .relu: return max(-128, p.zeroPoint)...127
    case .leakyRelu, .sigmoid, .hardSigmoid, .hardSwish, .clip:
      preconditionFailure("lower(_:keepFloat:) keeps layers with \(activation) in float32")
    case .relu6:
      let six = Double(p.zeroPoint) + (6 / Double(p.scale)).rounded(.toNearestOrAwayFromZero)
      let upper = Int32(min(max(six, -128), 127))
      return max(-128, min(p.zeroPoint, upper))...upper
    }
  }

  /// Symmetric per-output-channel int8 weights (`scale = max |w| / 127`, raised where the
  /// bias needs it, see `weightScale`), int32 bias at `inputScale · weightScale`, and each
  /// channel's requantization to `output`'s scale.
  func quantizeWeights(
    _ weight: Tensor, bias: Tensor?, activation: Activation, input: QuantizationParameters, output: Graph.ValueID
  ) -> QuantizedWeights {
    let p = parameters(output)
    let channels = weight.shape[0]
    let rowSize = weight.count / channels
    var q = [Int8](repeating: 0, count: weight.count)
    var scales: [Float] = [], biases: [Int32] = [], requantization: [FixedPointMultiplier] = []
    for o in 0..<channels {
      let row = weight.scalars[o * rowSize..<(o + 1) * rowSize]
      let maxAbs = row.reduce(0) { max($0, abs(Double($1))) }
      let scale = Self.weightScale(
        maxAbs: maxAbs, bias: Double(bias?.scalars[o] ?? 0), inputScale: Double(input.scale), taps: rowSize)
      for k in row.indices {
        let v = (Double(weight.scalars[k]) / Double(scale)).rounded(.toNearestOrAwayFromZero)
        q[k] = Int8(min(max(v, -127), 127))
      }
      let biasScale = Double(input.scale) * Double(scale)
      let b = ((Double(bias?.scalars[o] ?? 0)) / biasScale).rounded(.toNearestOrAwayFromZero)
      scales.append(scale)
      biases.append(Int32(min(max(b, Double(Int32.min)), Double(Int32.max))))
      requantization.append(FixedPointMultiplier(biasScale / Double(p.scale)))
    }
    let clamp = Self.clamp(activation, p)
    return QuantizedWeights(
      weight: q, shape: weight.shape, scales: scales, bias: biases, requantization: requantization,
      inputZeroPoint: input.zeroPoint, outputZeroPoint: p.zeroPoint, outputMin: clamp.lowerBound,
      outputMax: clamp.upperBound)
  }
}
