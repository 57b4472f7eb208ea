import Foundation

/// `slim-prune model.onnx pruned.onnx`'s whole job, without touching the disk for
/// output: import the ONNX model keeping its `ModelProto`, prune and verify with the
/// same engine as checkpoints (`Pruner`), write the pruned weights back into the
/// original proto (`ONNXWriteBack`), then re-import those bytes with the importer and
/// check they rebuild the pruned graph exactly.
public enum ONNXPruning {
  /// What one run produced.
  public struct Output: Sendable {
    public var model: ImportedModel
    public var result: PruneResult
    /// The serialized pruned `ModelProto`, self-contained (no external data).
    public var bytes: [UInt8]
    /// Pruned graph vs the graph rebuilt from `bytes` (exact).
    public var roundTrip: Comparison
    /// What the write-back changed besides the weights (external data inlined, value_info).
    public var notes: [String]
  }

  /// Precondition: none; every problem is a typed `PruneError` (an import failure, an
  /// option, a verification failure, a weight that cannot be written back).
  /// Cost: O(weights) plus the reference runs of verification and the round trip.
  public static func prune(modelAt path: String, options: PruneOptions) throws(PruneError) -> Output {
    try options.validate()
    let source: ONNXSourceModel
    do { source = try ONNXImporter.importSource(at: path) } catch { throw .importFailed(.onnx(error)) }
    let result = try Pruner.prune(source.model.graph, options: options)
    let writer = try ONNXWriteBack(source, original: source.model.graph, pruned: result.pruned)
    let bytes: [UInt8]
    do { bytes = try writer.proto.serializedBytes() } catch {
      throw .onnxExport("protobuf encoding failed: \(error)")
    }
    let rebuilt: Graph
    // A node whose constant inputs fix the old widths (a Reshape to a literal shape) makes
    // the written model invalid: that is a model slim cannot write back, not a bug.
    do { rebuilt = try ONNXImporter.importSource(Data(bytes), directory: nil).model.graph } catch {
      throw .writeBack("the pruned model does not import again (\(error)); a constant in the model fixes the old width")
    }
    guard rebuilt.nodes.map(\.name) == result.pruned.nodes.map(\.name),
      LayerCost.total(rebuilt) == LayerCost.total(result.pruned)
    else { throw .onnxExport("the written model rebuilds other layers than the pruned graph") }
    var exact = options
    exact.probeCount = 1
    let roundTrip = try Pruner.compare(rebuilt, result.pruned, options: exact)
    guard roundTrip.maxAbsoluteDifference == 0 else {
      throw .onnxExport("the written model computes something else than the pruned graph (\(roundTrip))")
    }
    return Output(model: source.model, result: result, bytes: bytes, roundTrip: roundTrip, notes: writer.notes)
  }
}
