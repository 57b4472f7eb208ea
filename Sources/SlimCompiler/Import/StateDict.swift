/// A model's named tensors in file order, as `model.state_dict()` holds them.
public struct StateDict: Sendable {
  public private(set) var entries: [(key: String, tensor: Tensor)]
  private var index: [String: Int]

  public init(_ entries: [(key: String, tensor: Tensor)]) {
    self.entries = entries
    self.index = Dictionary(entries.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
  }

  public var keys: [String] { entries.map(\.key) }

  public subscript(key: String) -> Tensor? {
    index[key].map { entries[$0].tensor }
  }

  /// The tensor at `key`, or `ModelImportError.missingTensor`.
  public func tensor(_ key: String) throws(ModelImportError) -> Tensor {
    guard let tensor = self[key] else { throw .missingTensor(key: key) }
    return tensor
  }

  /// The tensor at `key`, which must have exactly `shape`.
  public func tensor(_ key: String, shape: [Int]) throws(ModelImportError) -> Tensor {
    let tensor = try tensor(key)
    guard tensor.shape == shape else {
      throw .unexpectedShape(key: key, expected: shape, found: tensor.shape)
    }
    return tensor
  }

  /// The wrapper prefix that training frameworks put in front of a model's own
  /// keys: whatever precedes `anchor` in the first key that ends with it (`module.`
  /// from DataParallel, `_orig_mod.` from torch.compile, `model.` or any attribute
  /// name from PyTorch Lightning, or several of these nested); "" when none.
  public static func wrapperPrefix(of keys: [String], anchor: String) -> String {
    guard let anchored = keys.first(where: { $0 == anchor || $0.hasSuffix("." + anchor) }) else { return "" }
    return String(anchored.dropLast(anchor.count))
  }

  /// Removes the wrapper prefix (see `wrapperPrefix(of:anchor:)`). Keys that do not
  /// carry it belong to the wrapper (Lightning's own buffers, say) and are dropped.
  /// Returns the prefix that was removed.
  public mutating func stripWrapperPrefix(anchor: String) -> String {
    let prefix = Self.wrapperPrefix(of: keys, anchor: anchor)
    guard !prefix.isEmpty else { return "" }
    self = StateDict(
      entries.compactMap { entry in
        entry.key.hasPrefix(prefix) ? (String(entry.key.dropFirst(prefix.count)), entry.tensor) : nil
      })
    return prefix
  }
}
