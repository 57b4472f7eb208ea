import SlimRuntime

/// Why `slim-pack` produced no file.
public enum PackError: Error, CustomStringConvertible {
  case importFailed(ModelImportError)
  case invalidOption(String)
  case lowering(Lowering.Failure)
  case serialization(String)
  case runtimeRejected(SlimError)
  case reference(ReferenceError)
  case verificationFailed(Comparison, tolerance: Double)

  public var description: String {
    switch self {
    case .importFailed(let error): return "\(error)"
    case .invalidOption(let detail): return detail
    case .lowering(let error): return "\(error)"
    case .serialization(let detail): return "cannot serialize the model: \(detail)"
    case .runtimeRejected(let error): return "the runtime rejected the packed model (a bug in slim-pack): \(error)"
    case .reference(let error): return "the reference engine failed: \(error)"
    case .verificationFailed(let comparison, let tolerance):
      return "verification failed: the packed model disagrees with the reference engine "
        + "(\(comparison); tolerance \(tolerance)); no file was written"
    }
  }
}
