/// A layer with weights in a baseline model.
public struct BaselineLayer: Codable, Sendable, Equatable {
  public var name: String
  public var op: String
  /// Output channels (conv) or features (linear).
  public var channels: Int
  /// Parameters of the layer and of the batch norm right after it, if any.
  public var parameters: Int
  public var macs: Int
  /// Whether a batch norm follows it directly (checkpoint baselines).
  public var followedByBatchNorm: Bool
}
