/// Why a checkpoint could not be turned into a graph. Each case says what was
/// expected and what was found, so a user can tell a wrong `--arch` from a
/// damaged or mismatched checkpoint.
public enum ModelImportError: Error, CustomStringConvertible {
  case checkpoint(CheckpointError)
  case unknownArchitecture(sampleKeys: [String])
  case missingTensor(key: String)
  case unexpectedShape(key: String, expected: [Int], found: [Int])
  case invalidConfig(String)
  case configMismatch(String)
  case graph(GraphError)
  case onnx(ONNXImportError)

  public var description: String {
    switch self {
    case .checkpoint(let error):
      return "cannot read the checkpoint: \(error)"
    case .unknownArchitecture(let keys):
      return "cannot tell the architecture from the checkpoint's keys (first keys: \(keys.joined(separator: ", "))); "
        + "expected Network Slimming VGG keys (feature.0.weight, classifier.weight); pass --arch to choose a builder"
    case .missingTensor(let key):
      return "the checkpoint has no tensor '\(key)', which the architecture needs"
    case .unexpectedShape(let key, let expected, let found):
      return "tensor '\(key)' has shape \(found), but the architecture expects \(expected)"
    case .invalidConfig(let detail):
      return "invalid cfg: \(detail)"
    case .configMismatch(let detail):
      return "the checkpoint's cfg does not fit its weights: \(detail)"
    case .graph(let error):
      return "the weights do not form a valid graph: \(error)"
    case .onnx(let error):
      return "cannot import the ONNX model: \(error)"
    }
  }
}
