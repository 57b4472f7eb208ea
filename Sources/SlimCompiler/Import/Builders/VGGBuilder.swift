/// Builds Network Slimming's VGG (for 32x32 inputs) from a state dict.
///
/// The PyTorch model: for each width `v` in `cfg`, `Conv2d(in, v, 3, padding=1,
/// bias=False)`, `BatchNorm2d(v)`, `ReLU`, all in `self.feature` (keys
/// `feature.N.weight`, `feature.N+1.{weight,bias,running_mean,running_var}`);
/// each `'M'` a `MaxPool2d(2, 2)`; then `AvgPool2d(2)`, flatten and
/// `self.classifier = Linear(cfg[-1], classes)`.
public enum VGGBuilder {
  /// Key that identifies the family and anchors prefix stripping.
  public static let anchorKey = "feature.0.weight"

  /// Whether `keys` look like this family's state dict.
  public static func matches(_ keys: [String]) -> Bool {
    keys.contains(anchorKey) && keys.contains("classifier.weight")
  }

  /// Builds the graph. When `config` is nil the widths (and pool positions) are
  /// inferred from the tensor shapes and the `feature.N` indices, as a
  /// fine-tuned checkpoint without `cfg` requires; when given, it must fit the
  /// weights exactly.
  public static func build(
    _ weights: StateDict, config: VGGConfig?, inputSize: (h: Int, w: Int) = (32, 32)
  ) throws(ModelImportError) -> (graph: Graph, config: VGGConfig) {
    let inferred = try inferConfig(weights)
    if let config, config.widths != inferred.widths {
      throw .configMismatch("cfg is \(config), but the feature.N weights describe \(inferred)")
    }
    let config = config ?? inferred
    let inChannels = try weights.tensor(anchorKey).shape.dropFirst().first ?? 0
    var graph = Graph()
    var x = graph.addInput(name: "input", shape: [1, inChannels, inputSize.h, inputSize.w])
    var channels = inChannels
    var index = 0
    do {
      for item in config.items {
        switch item {
        case .maxPool:
          x = try graph.append(.maxPool2d(.init(kernel: 2, stride: 2)), name: "feature.\(index)", inputs: [x])
          index += 1
        case .conv(let width):
          let weight = try weights.tensor("feature.\(index).weight", shape: [width, channels, 3, 3])
          let conv = GraphOperation.Conv2D(weight: weight, padding: 1)
          x = try graph.append(.conv2d(conv), name: "feature.\(index)", inputs: [x])
          let bn = try batchNorm(weights, prefix: "feature.\(index + 1)", channels: width)
          x = try graph.append(.batchNorm(bn), name: "feature.\(index + 1)", inputs: [x])
          x = try graph.append(.activation(.relu), name: "feature.\(index + 2)", inputs: [x])
          channels = width
          index += 3
        }
      }
      x = try graph.append(.avgPool2d(.init(kernel: 2, stride: 2)), name: "avgpool", inputs: [x])
      x = try graph.append(.flatten, name: "flatten", inputs: [x])
      x = try BuilderSupport.appendLinearHead(&graph, weights, input: x, key: "classifier")
    } catch {
      throw BuilderSupport.importError(error)
    }
    graph.outputs = [x]
    return (graph, config)
  }

  /// Reads a `BatchNorm2d` of `channels` channels at `prefix`.
  static func batchNorm(_ weights: StateDict, prefix: String, channels: Int) throws(ModelImportError)
    -> GraphOperation.BatchNorm
  {
    GraphOperation.BatchNorm(
      gamma: try weights.tensor("\(prefix).weight", shape: [channels]),
      beta: try weights.tensor("\(prefix).bias", shape: [channels]),
      runningMean: try weights.tensor("\(prefix).running_mean", shape: [channels]),
      runningVar: try weights.tensor("\(prefix).running_var", shape: [channels]))
  }

  /// Recovers the cfg from the state dict: a conv at `feature.N` takes indices N..N+2
  /// (conv, BN, ReLU), a pool takes one index and has no weights, so every index
  /// skipped between convs is a pool.
  static func inferConfig(_ weights: StateDict) throws(ModelImportError) -> VGGConfig {
    var convs: [(index: Int, width: Int)] = []
    for (key, tensor) in weights.entries {
      let parts = key.split(separator: ".")
      guard parts.count == 3, parts[0] == "feature", parts[2] == "weight", let n = Int(parts[1]) else { continue }
      if tensor.rank == 4 { convs.append((n, tensor.shape[0])) }
    }
    convs.sort { $0.index < $1.index }
    guard !convs.isEmpty else { throw .missingTensor(key: anchorKey) }
    var items: [VGGConfig.Item] = []
    var next = 0
    for conv in convs {
      guard conv.index >= next else {
        throw .invalidConfig("feature.\(conv.index) overlaps the conv/BN/ReLU block that starts at feature.\(next - 3)")
      }
      items += Array(repeating: .maxPool, count: conv.index - next)
      items.append(.conv(conv.width))
      next = conv.index + 3
    }
    // A pool after the last conv leaves no index behind; only a given cfg can say so.
    return VGGConfig(items)
  }
}
