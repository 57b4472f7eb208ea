/// Operator codes of `GRPH` operator records.
public enum SlimOpcode: UInt16, Sendable {
  case conv2d = 1
  case linear
  case maxPool2d
  case avgPool2d
  case globalAvgPool
  case add
  case concat
  case reshape
  case activation
  /// Output channel k is input channel `params[k]` (channel pruning's selection).
  case gatherChannels = 10
}
