/// `slim-prune`'s whole job, without touching the disk for output: read a
/// checkpoint, rebuild its graph, prune and verify, write the state dict back with
/// the family's key names and the new cfg, then read those bytes back through the
/// importer and check they rebuild the pruned model exactly.
public enum CheckpointPruning {
  /// What one run produced.
  public struct Output: Sendable {
    public var model: ImportedModel
    public var result: PruneResult
    /// The `torch.save`-format checkpoint: `{'cfg': ..., 'state_dict': ...}`.
    public var bytes: [UInt8]
    /// Pruned graph vs the graph rebuilt from `bytes` (should be exact).
    public var roundTrip: Comparison
  }

  /// Cost: O(weights) plus the reference runs of verification.
  public static func prune(
    checkpointAt path: String, architecture: Architecture? = nil, options: PruneOptions
  ) throws(PruneError) -> Output {
    try options.validate()
    let checkpoint: TorchCheckpoint
    do { checkpoint = try CheckpointReader.read(contentsOf: path) } catch { throw .importFailed(.checkpoint(error)) }
    let model: ImportedModel
    var source: StateDict
    do {
      model = try ModelImporter.importCheckpoint(checkpoint, sourceFile: path, architecture: architecture)
      source = StateDict(try checkpoint.stateDict())
    } catch let error as ModelImportError {
      throw .importFailed(error)
    } catch let error as CheckpointError {
      throw .importFailed(.checkpoint(error))
    } catch {
      throw .internalInconsistency("\(error)")
    }
    _ = source.stripWrapperPrefix(anchor: model.architecture.anchorKey)
    let result = try Pruner.prune(model.graph, options: options)
    let stateDict = try CheckpointExport.stateDict(result.pruned, source: source)
    let bytes = try TorchCheckpointWriter.serialize(
      config: CheckpointExport.configItems(result.config), stateDict: stateDict)

    let rebuilt: ImportedModel
    do {
      rebuilt = try ModelImporter.importCheckpoint(
        try CheckpointReader.read(bytes: bytes), sourceFile: path, architecture: model.architecture)
    } catch let error as ModelImportError {
      throw .export("the written checkpoint does not rebuild: \(error)")
    } catch {
      throw .export("the written checkpoint cannot be read back: \(error)")
    }
    var exact = options
    exact.probeCount = 1
    let roundTrip = try Pruner.compare(rebuilt.graph, result.pruned, options: exact)
    guard roundTrip.maxAbsoluteDifference == 0 else {
      throw .export("the written checkpoint rebuilds a different model (\(roundTrip))")
    }
    return Output(model: model, result: result, bytes: bytes, roundTrip: roundTrip)
  }
}
