/// A PyTorch checkpoint after reading: the unpickled root object and the
/// names of the entries in its archive.
///
/// All tensors are already materialised inside `root`, so a checkpoint is a
/// plain value that holds no reference to the file.
public struct TorchCheckpoint: Sendable {
  /// What `torch.save` was given: usually a state dict or a training dict.
  public let root: PickleValue
  /// Zip entry names in archive order (for diagnostics).
  public let entryNames: [String]

  public init(root: PickleValue, entryNames: [String]) {
    self.root = root
    self.entryNames = entryNames
  }

  /// The model's parameters and buffers, in file order, keys unchanged.
  ///
  /// Looks where common tools put them: the root itself
  /// (`torch.save(model.state_dict())`), then `state_dict` (training scripts,
  /// pruning tools, PyTorch Lightning), then `model` and `model_state_dict`.
  /// Prefixes such as `module.` are deliberately kept; stripping them is a
  /// separate, policy-laden step.
  public func stateDict() throws(CheckpointError) -> [(key: String, tensor: Tensor)] {
    if Self.looksLikeStateDict(root) { return try Self.tensors(in: root) }
    for name in ["state_dict", "model", "model_state_dict"] {
      if let candidate = root[name], Self.looksLikeStateDict(candidate) {
        return try Self.tensors(in: candidate)
      }
    }
    throw .noStateDict
  }

  /// A dict with string keys whose first value is a tensor; `tensors(in:)`
  /// then insists that every value is one.
  private static func looksLikeStateDict(_ value: PickleValue) -> Bool {
    guard let pairs = value.dictValue, let first = pairs.first else { return false }
    return first.key.stringValue != nil && first.value.tensorValue != nil
  }

  private static func tensors(
    in dict: PickleValue
  ) throws(CheckpointError) -> [(key: String, tensor: Tensor)] {
    var result: [(key: String, tensor: Tensor)] = []
    for pair in dict.dictValue ?? [] {
      let key = pair.key.stringValue ?? "\(pair.key)"
      guard let tensor = pair.value.tensorValue else { throw .notATensor(key: key) }
      result.append((key: key, tensor: tensor))
    }
    return result
  }
}
