/// Builds Network Slimming's DenseNet (`models/densenet.py`, basic blocks, for 32x32
/// inputs) from a state dict.
///
/// `conv1` 3x3, then `dense1 → trans1 → dense2 → trans2 → dense3`, where each dense
/// layer is `bn1 → select → relu → conv1 3x3 (growth)` concatenated after its input,
/// and each transition `bn1 → select → relu → conv1 1x1 → avg_pool2d(2)`; then
/// `bn → select → relu → AvgPool2d(8) → fc`. Depth is `3n + 4`. The cfg has one
/// entry per batch norm: how many channels its selection keeps (`3n + 3` entries).
/// Node names are the module paths, as the pruning exporter needs.
public enum DenseNetBuilder {
  public static let anchorKey = "dense1.0.select.indexes"

  public static func matches(_ keys: [String]) -> Bool {
    keys.contains(anchorKey) && keys.contains("trans1.conv1.weight") && keys.contains("fc.weight")
  }

  /// Builds the graph; a given cfg (`widths`) must equal the one the weights describe.
  public static func build(
    _ weights: StateDict, config: [Int]?, inputSize: (h: Int, w: Int) = (32, 32)
  ) throws(ModelImportError) -> (graph: Graph, config: [Int]) {
    var n = 0
    while weights["dense1.\(n).conv1.weight"] != nil { n += 1 }
    guard n >= 1 else { throw .missingTensor(key: "dense1.0.conv1.weight") }
    let stem = try weights.tensor("conv1.weight")
    guard stem.rank == 4 else {
      throw .unexpectedShape(key: "conv1.weight", expected: [0, 3, 3, 3], found: stem.shape)
    }
    var graph = Graph()
    var widths: [Int] = []
    do {
      var x = graph.addInput(name: "input", shape: [1, stem.shape[1], inputSize.h, inputSize.w])
      x = try graph.append(.conv2d(.init(weight: stem, padding: stem.shape[2] / 2)), name: "conv1", inputs: [x])
      for stage in 1...3 {
        for layer in 0..<n {
          let prefix = "dense\(stage).\(layer)"
          let y = try unit(&graph, weights, input: x, prefix: prefix, kernel: 3, widths: &widths)
          x = try graph.append(.concat(axis: 1), name: "\(prefix).cat", inputs: [x, y])
        }
        if stage < 3 {
          x = try unit(&graph, weights, input: x, prefix: "trans\(stage)", kernel: 1, widths: &widths)
          x = try graph.append(.avgPool2d(.init(kernel: 2)), name: "trans\(stage).avgpool", inputs: [x])
        }
      }
      x = try PreResNetBuilder.appendSelectedActivation(
        &graph, weights, input: x, bn: "bn", select: "select", relu: "relu")
      widths.append(graph.values[x].shape[1])
      x = try graph.append(.avgPool2d(.init(kernel: 8)), name: "avgpool", inputs: [x])
      x = try graph.append(.flatten, name: "flatten", inputs: [x])
      x = try BuilderSupport.appendLinearHead(&graph, weights, input: x, key: "fc")
      graph.outputs = [x]
    } catch {
      throw BuilderSupport.importError(error)
    }
    if let config, config != widths {
      throw .configMismatch("cfg is \(config), but the weights describe \(widths)")
    }
    return (graph, widths)
  }

  /// `bn1 → select → relu → conv1` at `prefix`; records the selected width.
  static func unit(
    _ graph: inout Graph, _ weights: StateDict, input: Graph.ValueID, prefix: String, kernel: Int,
    widths: inout [Int]
  ) throws -> Graph.ValueID {
    let x = try PreResNetBuilder.appendSelectedActivation(
      &graph, weights, input: input, bn: "\(prefix).bn1", select: "\(prefix).select", relu: "\(prefix).relu")
    widths.append(graph.values[x].shape[1])
    let weight = try weights.tensor("\(prefix).conv1.weight")
    guard weight.rank == 4, weight.shape[2] == kernel, weight.shape[3] == kernel else {
      throw ModelImportError.unexpectedShape(
        key: "\(prefix).conv1.weight", expected: [weight.shape.first ?? 0, graph.values[x].shape[1], kernel, kernel],
        found: weight.shape)
    }
    return try graph.append(.conv2d(.init(weight: weight, padding: kernel / 2)), name: "\(prefix).conv1", inputs: [x])
  }
}
