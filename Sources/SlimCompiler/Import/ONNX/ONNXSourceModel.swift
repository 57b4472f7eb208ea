/// An imported ONNX model together with what is needed to write a changed graph back:
/// the decoded `ModelProto`, the ONNX node behind each graph node, and the graph value
/// each ONNX value name was bound to.
struct ONNXSourceModel {
  var model: ImportedModel
  var proto: Onnx_ModelProto
  /// One entry per node of `model.graph`, in order.
  var sources: [ONNXNodeSource]
  /// ONNX value names (node outputs, the graph input) bound to graph values. Names
  /// the importer folded to constants are absent.
  var valueIDs: [String: Graph.ValueID]
  /// The folder external data files are resolved in (nil when not read from a file).
  var directory: String?
}
