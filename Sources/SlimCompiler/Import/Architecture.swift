/// Model families the importer can rebuild from a state dict.
public enum Architecture: String, CaseIterable, Sendable {
  case vgg
  /// Not a builder: the graph comes from an ONNX file (`ONNXImporter`), never detected from keys.
  case onnx
  case preresnet
  case densenet

  /// The family whose keys `keys` carry (after prefix stripping), if any.
  static func detect(_ keys: [String]) -> Architecture? {
    allCases.first { architecture in
      let prefix = StateDict.wrapperPrefix(of: keys, anchor: architecture.anchorKey)
      return architecture.matches(keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
    }
  }

  var anchorKey: String {
    switch self {
    case .vgg: return VGGBuilder.anchorKey
    case .onnx: return ""
    case .preresnet: return PreResNetBuilder.anchorKey
    case .densenet: return DenseNetBuilder.anchorKey
    }
  }

  func matches(_ keys: [String]) -> Bool {
    switch self {
    case .vgg: return VGGBuilder.matches(keys)
    case .onnx: return false
    case .preresnet: return PreResNetBuilder.matches(keys)
    case .densenet: return DenseNetBuilder.matches(keys)
    }
  }
}
