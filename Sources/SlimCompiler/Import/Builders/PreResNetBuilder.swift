/// Builds Network Slimming's pre-activation ResNet (`models/preresnet.py`, for 32x32
/// inputs) from a state dict.
///
/// `conv1` (3x3), three stages (`layer1`...`layer3`, stride 1, 2, 2) of bottleneck blocks
/// `bn1 → select → relu → conv1 1x1 → bn2 → relu → conv2 3x3 (stride) → bn3 → relu →
/// conv3 1x1`, plus the residual (`downsample.0`, a 1x1 conv without BN, when present),
/// then `bn → select → relu → AvgPool2d(8) → fc`. Node names are the module paths
/// (`layer1.0.conv1`), which the pruning exporter relies on to write keys back.
public enum PreResNetBuilder {
  public static let anchorKey = "layer1.0.select.indexes"

  public static func matches(_ keys: [String]) -> Bool {
    keys.contains(anchorKey) && keys.contains("fc.weight") && keys.contains("conv1.weight")
  }

  /// Builds the graph. With `config` nil the widths come from the shapes and the
  /// `select.indexes`; a given cfg must describe the weights exactly.
  public static func build(
    _ weights: StateDict, config: PreResNetConfig?, inputSize: (h: Int, w: Int) = (32, 32)
  ) throws(ModelImportError) -> (graph: Graph, config: PreResNetConfig) {
    let inferred = try inferConfig(weights)
    if let config, config != inferred {
      throw .configMismatch("cfg is \(config), but the weights describe \(inferred)")
    }
    let n = inferred.blocksPerStage!
    let stem = try weights.tensor("conv1.weight")
    guard stem.rank == 4 else {
      throw .unexpectedShape(key: "conv1.weight", expected: [16, 3, 3, 3], found: stem.shape)
    }
    var graph = Graph()
    do {
      var x = graph.addInput(name: "input", shape: [1, stem.shape[1], inputSize.h, inputSize.w])
      x = try graph.append(.conv2d(.init(weight: stem, padding: stem.shape[2] / 2)), name: "conv1", inputs: [x])
      for stage in 0..<3 {
        for block in 0..<n {
          x = try appendBlock(
            &graph, weights, input: x, prefix: "layer\(stage + 1).\(block)",
            stride: stage > 0 && block == 0 ? 2 : 1)
        }
      }
      x = try appendSelectedActivation(&graph, weights, input: x, bn: "bn", select: "select", relu: "relu")
      x = try graph.append(.avgPool2d(.init(kernel: 8)), name: "avgpool", inputs: [x])
      x = try graph.append(.flatten, name: "flatten", inputs: [x])
      x = try BuilderSupport.appendLinearHead(&graph, weights, input: x, key: "fc")
      graph.outputs = [x]
    } catch {
      throw BuilderSupport.importError(error)
    }
    return (graph, inferred)
  }

  /// One bottleneck block; returns the sum `conv3(...) + residual`.
  static func appendBlock(
    _ graph: inout Graph, _ weights: StateDict, input: Graph.ValueID, prefix: String, stride: Int
  ) throws -> Graph.ValueID {
    var x = try appendSelectedActivation(
      &graph, weights, input: input, bn: "\(prefix).bn1", select: "\(prefix).select", relu: "\(prefix).relu.1")
    for (index, (kernel, convStride)) in [(1, 1), (3, stride), (1, 1)].enumerated() {
      let name = "\(prefix).conv\(index + 1)"
      let weight = try weights.tensor("\(name).weight")
      guard weight.rank == 4, weight.shape[2] == kernel, weight.shape[3] == kernel else {
        throw ModelImportError.unexpectedShape(
          key: "\(name).weight", expected: [weight.shape.first ?? 0, graph.values[x].shape[1], kernel, kernel],
          found: weight.shape)
      }
      x = try graph.append(
        .conv2d(.init(weight: weight, stride: convStride, padding: kernel / 2)), name: name, inputs: [x])
      if index < 2 {
        let bn = try VGGBuilder.batchNorm(weights, prefix: "\(prefix).bn\(index + 2)", channels: weight.shape[0])
        x = try graph.append(.batchNorm(bn), name: "\(prefix).bn\(index + 2)", inputs: [x])
        x = try graph.append(.activation(.relu), name: "\(prefix).relu.\(index + 2)", inputs: [x])
      }
    }
    var residual = input
    if let downsample = weights["\(prefix).downsample.0.weight"] {
      residual = try graph.append(
        .conv2d(.init(weight: downsample, stride: stride)), name: "\(prefix).downsample.0", inputs: [input])
    }
    return try graph.append(.add(activation: .none), name: "\(prefix).add", inputs: [x, residual])
  }

  /// `bn → select → relu`, the pre-activation that opens every block and the head.
  static func appendSelectedActivation(
    _ graph: inout Graph, _ weights: StateDict, input: Graph.ValueID, bn: String, select: String, relu: String
  ) throws -> Graph.ValueID {
    let channels = graph.values[input].shape[1]
    let norm = try VGGBuilder.batchNorm(weights, prefix: bn, channels: channels)
    var x = try graph.append(.batchNorm(norm), name: bn, inputs: [input])
    let indexes = try selectedChannels(weights, key: "\(select).indexes", channels: channels)
    x = try graph.append(.selectChannels(indexes: indexes), name: select, inputs: [x])
    return try graph.append(.activation(.relu), name: relu, inputs: [x])
  }

  /// The channels a `channel_selection` keeps: the nonzero entries of its `indexes`.
  static func selectedChannels(_ weights: StateDict, key: String, channels: Int) throws(ModelImportError) -> [Int] {
    let mask = try weights.tensor(key, shape: [channels])
    let kept = mask.scalars.indices.filter { mask.scalars[$0] != 0 }
    guard !kept.isEmpty else { throw .invalidConfig("'\(key)' selects no channel") }
    return kept
  }

  /// Recovers the cfg from the shapes: per block the selected count, conv1's and
  /// conv2's output widths; last the head's selected count.
  static func inferConfig(_ weights: StateDict) throws(ModelImportError) -> PreResNetConfig {
    var n = 0
    while weights["layer1.\(n).conv1.weight"] != nil { n += 1 }
    guard n >= 1 else { throw .missingTensor(key: "layer1.0.conv1.weight") }
    var widths: [Int] = []
    for stage in 1...3 {
      for block in 0..<n {
        let prefix = "layer\(stage).\(block)"
        let select = try weights.tensor("\(prefix).select.indexes")
        let conv1 = try weights.tensor("\(prefix).conv1.weight")
        let conv2 = try weights.tensor("\(prefix).conv2.weight")
        guard conv1.rank == 4, conv2.rank == 4 else {
          throw .unexpectedShape(key: "\(prefix).conv1.weight", expected: [0, 0, 1, 1], found: conv1.shape)
        }
        widths += [select.scalars.filter { $0 != 0 }.count, conv1.shape[0], conv2.shape[0]]
      }
    }
    guard weights["layer4.0.conv1.weight"] == nil, weights["layer1.\(n).bn1.weight"] == nil else {
      throw .invalidConfig("expected 3 stages of equal depth")
    }
    let head = try weights.tensor("select.indexes")
    widths.append(head.scalars.filter { $0 != 0 }.count)
    return PreResNetConfig(widths)
  }
}
