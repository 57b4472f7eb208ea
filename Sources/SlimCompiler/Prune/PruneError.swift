/// Why pruning failed. Each case names the problem for the user.
public enum PruneError: Error, CustomStringConvertible {
  case invalidOption(String)
  case importFailed(ModelImportError)
  /// The graph has nothing the method can prune (no batch norm, no prunable conv).
  case nothingToPrune(String)
  /// The pruned graph is inconsistent: a bug.
  case internalInconsistency(String)
  case reference(ReferenceError)
  /// The masked and the physically pruned model disagree beyond float tolerance: a bug.
  case verificationFailed(Comparison, tolerance: Double)
  case export(String)
  /// The pruned graph cannot be written back into the ONNX model exactly (a shared or
  /// non-initializer weight, an unsupported layout); names the tensor and node.
  case writeBack(String)
  /// The written ONNX model does not re-import to the pruned graph: a bug.
  case onnxExport(String)

  public var description: String {
    switch self {
    case .invalidOption(let detail): return detail
    case .importFailed(let error): return "\(error)"
    case .nothingToPrune(let detail): return "nothing to prune: \(detail)"
    case .internalInconsistency(let detail): return "internal error while pruning: \(detail)"
    case .reference(let error): return "the reference engine failed: \(error)"
    case .verificationFailed(let comparison, let tolerance):
      return "the pruned model disagrees with the masked model (\(comparison), tolerance \(tolerance)); "
        + "this is a bug in slim, nothing was written"
    case .export(let detail): return "cannot write the pruned checkpoint: \(detail)"
    case .writeBack(let detail): return "cannot write the pruned ONNX model: \(detail)"
    case .onnxExport(let detail): return "internal error writing the pruned ONNX model: \(detail)"
    }
  }
}
