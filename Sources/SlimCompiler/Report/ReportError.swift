/// Why a report could not be made.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The baseline's layers with weights do not line up with the model's.
  case baselineMismatch(String)
  /// `--percent` outside 0 ..< 1.
  case invalidPercent(Double)

  public var description: String {
    switch self {
    case .baselineMismatch(let detail): return "the baseline does not match the model: \(detail)"
    case .invalidPercent(let value): return "the pruning percent must be in [0, 1), got \(value)"
    }
  }
}
