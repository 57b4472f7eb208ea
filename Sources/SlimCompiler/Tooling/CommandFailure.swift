/// An error a command reports to the user: a message and an exit status.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var status: ExitStatus

  public init(message: String, status: ExitStatus) {
    self.message = message
    self.status = status
  }

  public var description: String { message }

  /// Classifies a packing error.
  public init(_ error: PackError) {
    message = error.description
    switch error {
    case .importFailed(.checkpoint(let reading)) where reading.isFileAccessProblem: status = .cannotOpen
    case .importFailed: status = .badInput
    case .invalidOption: status = .usage
    case .verificationFailed: status = .verificationFailed
    case .lowering, .serialization, .runtimeRejected, .reference: status = .software
    }
  }
}

extension CommandFailure {
  /// Classifies a pruning error.
  public init(_ error: PruneError) {
    message = error.description
    switch error {
    case .importFailed(.checkpoint(let reading)) where reading.isFileAccessProblem: status = .cannotOpen
    case .importFailed(.onnx(.cannotRead)): status = .cannotOpen
    case .importFailed, .nothingToPrune, .writeBack: status = .badInput
    case .invalidOption: status = .usage
    case .verificationFailed: status = .verificationFailed
    case .internalInconsistency, .reference, .export, .onnxExport: status = .software
    }
  }
}

extension CheckpointError {
  /// Whether the file could not be opened or read at all (as opposed to being malformed).
  public var isFileAccessProblem: Bool {
    if case .fileUnreadable = self { return true }
    return false
  }
}
