/// Reads a PyTorch checkpoint and rebuilds its network as a `Graph`.
public enum ModelImporter {
  /// Imports the checkpoint at `path`. `architecture` nil means: detect from the keys.
  public static func importCheckpoint(
    at path: String, architecture: Architecture? = nil
  ) throws(ModelImportError) -> ImportedModel {
    let checkpoint: TorchCheckpoint
    do { checkpoint = try CheckpointReader.read(contentsOf: path) } catch { throw .checkpoint(error) }
    return try importCheckpoint(checkpoint, sourceFile: path, architecture: architecture)
  }

  /// Imports an already read checkpoint.
  public static func importCheckpoint(
    _ checkpoint: TorchCheckpoint, sourceFile: String, architecture: Architecture? = nil
  ) throws(ModelImportError) -> ImportedModel {
    var weights: StateDict
    do { weights = StateDict(try checkpoint.stateDict()) } catch { throw .checkpoint(error) }
    guard let architecture = architecture ?? Architecture.detect(weights.keys) else {
      throw .unknownArchitecture(sampleKeys: Array(weights.keys.prefix(6)))
    }
    let prefix = weights.stripWrapperPrefix(anchor: architecture.anchorKey)
    let config = try checkpointConfig(checkpoint.root)
    switch architecture {
    case .vgg:
      let (graph, used) = try VGGBuilder.build(weights, config: config)
      return ImportedModel(
        graph: graph, architecture: architecture, configDescription: used.description,
        configFromCheckpoint: config != nil, strippedPrefix: prefix, sourceFile: sourceFile)
    case .onnx:
      throw .invalidConfig("--arch onnx applies to .onnx files, and this is a checkpoint")
    case .preresnet:
      let (graph, used) = try PreResNetBuilder.build(weights, config: config.map { PreResNetConfig($0.widths) })
      return ImportedModel(
        graph: graph, architecture: architecture, configDescription: used.description,
        configFromCheckpoint: config != nil, strippedPrefix: prefix, sourceFile: sourceFile)
    case .densenet:
      let (graph, used) = try DenseNetBuilder.build(weights, config: config?.widths)
      return ImportedModel(
        graph: graph, architecture: architecture, configDescription: PreResNetConfig(used).description,
        configFromCheckpoint: config != nil, strippedPrefix: prefix, sourceFile: sourceFile)
    }
  }

  /// The `cfg` a pruned checkpoint carries (`{'cfg': [...], 'state_dict': ...}`), also
  /// looked for in Lightning's `hyper_parameters`. Nil when there is none.
  static func checkpointConfig(_ root: PickleValue) throws(ModelImportError) -> VGGConfig? {
    guard let list = (root["cfg"] ?? root["hyper_parameters"]?["cfg"])?.listValue else { return nil }
    var items: [VGGConfig.Item] = []
    for element in list {
      if let width = element.intValue, width > 0, width <= 1 << 20 {
        items.append(.conv(Int(width)))
      } else if element.stringValue == "M" {
        items.append(.maxPool)
      } else {
        throw .invalidConfig("entries must be positive widths or 'M', found \(element)")
      }
    }
    return items.isEmpty ? nil : VGGConfig(items)
  }
}
