/// Why a `PackedModel` cannot be written as `.slim` v1.
public enum SlimWriterError: Error, Equatable, CustomStringConvertible {
  case invalidTensor(index: Int, reason: String)
  case invalidOperator(index: Int, reason: String)
  case invalidGraph(String)
  case invalidMetadata(key: String, reason: String)
  case compressionFailed(status: Int32)

  public var description: String {
    switch self {
    case .invalidTensor(let index, let reason): return "tensor \(index): \(reason)"
    case .invalidOperator(let index, let reason): return "operator \(index): \(reason)"
    case .invalidGraph(let reason): return "graph: \(reason)"
    case .invalidMetadata(let key, let reason): return "metadata '\(key)': \(reason)"
    case .compressionFailed(let status): return "zlib compress2 failed with status \(status)"
    }
  }
}
