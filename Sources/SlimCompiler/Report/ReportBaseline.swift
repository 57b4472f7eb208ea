/// What the report compares the model with: the unpruned checkpoint's graph,
/// or another `.slim` file.
public struct ReportBaseline: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    /// A PyTorch checkpoint, imported to its unoptimized graph (no folding, no fusion).
    case checkpoint
    /// Another `.slim` file.
    case slim
  }

  public var kind: Kind
  public var path: String
  public var fileBytes: Int
  public var parameters: Int
  public var macs: Int
  /// Bytes of every tensor inference needs, as float32 (checkpoint: conv and
  /// linear weights and biases and BatchNorm γ, β, mean, variance).
  public var weightBytes: Int
  /// The baseline's arena; nil for a checkpoint (it has no memory plan).
  public var arenaBytes: Int?
  /// Layers with weights (conv, linear) in execution order; the k-th is matched
  /// with the model's k-th conv or linear.
  public var layers: [BaselineLayer]
  /// This model's totals divided by the baseline's.
  public var ratios: ReportRatios
}
