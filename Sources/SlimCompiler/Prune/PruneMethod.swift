/// How channels to remove are chosen.
public enum PruneMethod: String, Sendable, CaseIterable {
  /// Network Slimming: one global threshold on |γ| of every batch norm.
  case slimming
  /// Li et al.'s filter pruning: the filters with the smallest L1 norm, per layer.
  case l1
  /// As `l1` with the L2 norm.
  case l2
}
