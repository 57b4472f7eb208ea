/// The pass pipeline `slim-pack` runs before lowering, in order.
public enum Optimizer {
  /// What the pipeline changed, for the pack report.
  public struct Summary: Sendable, Equatable {
    public var batchNormsFolded = 0
    public var activationsFused = 0
    public var batchNormsToScaleShift = 0
    public var padsFolded = 0
  }

  /// Folds zero pads into the convs/average pools that read them, folds batch norms, turns the rest into depthwise scale-and-shift convs, then fuses activations. The input graph is not modified.
  public static func optimize(_ graph: Graph) -> (graph: Graph, summary: Summary) {
    var optimized = graph
    var summary = Summary()
    summary.padsFolded = PadFolding.apply(to: &optimized)
    summary.batchNormsFolded = BatchNormFolding.apply(to: &optimized)
    summary.batchNormsToScaleShift = StandaloneBatchNormLowering.apply(to: &optimized)
    summary.activationsFused = ActivationFusion.apply(to: &optimized)
    return (optimized, summary)
  }
}
