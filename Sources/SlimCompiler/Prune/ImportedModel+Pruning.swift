extension ImportedModel {
  /// The model with its graph pruned and verified by `Pruner` (what `slim-pack --prune`
  /// packs; no fine-tuning). The cfg description becomes the pruned cfg.
  public func pruned(options: PruneOptions) throws(PruneError) -> (model: ImportedModel, result: PruneResult) {
    let result = try Pruner.prune(graph, options: options)
    var model = self
    model.graph = result.pruned
    model.configDescription = result.config.description
    return (model, result)
  }
}
