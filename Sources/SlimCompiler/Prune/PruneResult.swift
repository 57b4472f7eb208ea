/// Everything one pruning run produced.
public struct PruneResult: Sendable {
  /// The graph as imported.
  public var original: Graph
  /// Removed channels zeroed, nothing removed (what the reference scripts evaluate).
  public var masked: Graph
  /// Removed channels gone.
  public var pruned: Graph
  public var masks: ChannelMasks
  /// The family's width list for the pruned model, as the reference scripts build it.
  public var config: PruneConfig
  /// Masked vs pruned on the probe inputs (worst case).
  public var verification: Comparison
  /// Original vs pruned on the probe inputs: how much the pruning itself changed.
  public var change: Comparison
  /// With compensation: the model whose removed channels emit their constant act(β)
  /// (γ zeroed only) vs the pruned model. Zero up to rounding when every fold was exact.
  public var compensationError: Comparison?
}
