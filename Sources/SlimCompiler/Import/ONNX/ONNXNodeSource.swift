/// Which ONNX node a graph operation came from, so a rewritten graph can be written
/// back into the original `ModelProto` (what `slim-prune model.onnx` does).
///
/// The importer appends one entry per graph node, in graph order. Names are not
/// enough: ONNX node names may be empty or repeated, and one graph operation can
/// stand for two ONNX nodes (MatMul + Add folded into one linear layer).
struct ONNXNodeSource: Sendable, Equatable {
  /// Index into `GraphProto.node` of the node that emitted the operation; nil for
  /// operations the importer added itself (the copy that writes a graph output
  /// equal to the input).
  var node: Int?
  /// For a MatMul whose bias came from a following Add: that Add's node index and
  /// which of its inputs is the bias constant.
  var foldedBias: (node: Int, input: Int)?

  static func == (a: ONNXNodeSource, b: ONNXNodeSource) -> Bool {
    a.node == b.node && a.foldedBias?.node == b.foldedBias?.node && a.foldedBias?.input == b.foldedBias?.input
  }
}
