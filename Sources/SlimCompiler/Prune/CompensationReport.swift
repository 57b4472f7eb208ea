/// What compensation did, per batch norm whose removed channels were folded forward.
public struct CompensationReport: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    /// The batch norm whose removed channels emit the constant act(β).
    public var source: String
    /// The layer whose bias (or following batch norm's running mean) absorbed it; nil when none could.
    public var target: String?
    public var channels: Int
    /// The target is a k×k conv with zero padding: border pixels see fewer constant
    /// inputs than interior ones, so the fold is exact only away from the borders.
    public var approximate: Bool
    /// Why nothing could absorb it (then the channels are simply dropped, as the reference does).
    public var note: String?
    /// Approximate folds: the largest |error| left at the target conv's output (on border
    /// pixels; before any batch norm that follows). See `Compensation.borderError`.
    public var borderError: Double?
    /// Dropped channels: the largest |constant| the next layer's outputs lose per pixel
    /// (what the reference code silently drops too); nil when no conv or linear was reached.
    public var lostConstant: Double?
  }

  public var entries: [Entry] = []
  public init() {}
}
