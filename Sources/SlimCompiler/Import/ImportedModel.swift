/// A checkpoint rebuilt as a graph, with what is known of where it came from.
public struct ImportedModel: Sendable {
  /// The unoptimized graph, batch norms and activations separate: the reference model.
  public var graph: Graph
  public var architecture: Architecture
  /// The width configuration in the family's own notation (e.g. `[16, 'M', 32]`).
  public var configDescription: String
  /// Whether the widths came from the checkpoint's `cfg` (true) or were inferred from shapes.
  public var configFromCheckpoint: Bool
  /// Prefix removed from the state-dict keys (`module.`, `model.`, `_orig_mod.` ...), if any.
  public var strippedPrefix: String
  public var sourceFile: String
  /// `source.format` in the packed metadata: `torch-checkpoint` or `onnx`.
  public var sourceFormat = "torch-checkpoint"
}
