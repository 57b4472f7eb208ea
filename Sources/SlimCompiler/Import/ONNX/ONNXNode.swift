/// One ONNX node as an importer rule sees it: its operator, a display name, the
/// opset it is read under, and typed access to its attributes.
struct ONNXNode {
  let proto: Onnx_NodeProto
  let opset: Int

  /// The ONNX node name, or its first output's name when the node has none.
  var name: String { proto.name.isEmpty ? (proto.output.first ?? proto.opType) : proto.name }
  var op: String { proto.opType }
  /// Input names; an empty name is an omitted optional input.
  var inputs: [String] { proto.input }
  var outputs: [String] { proto.output }

  func input(_ index: Int) -> String? {
    index < proto.input.count && !proto.input[index].isEmpty ? proto.input[index] : nil
  }

  func attribute(_ name: String) -> Onnx_AttributeProto? { proto.attribute.first { $0.name == name } }

  func int(_ name: String, default value: Int) throws(ONNXImportError) -> Int {
    guard let attribute = attribute(name) else { return value }
    guard attribute.i >= Int64(Int32.min), attribute.i <= Int64(Int32.max) else {
      throw invalid("attribute '\(name)' = \(attribute.i) is out of range")
    }
    return Int(attribute.i)
  }

  func ints(_ name: String) throws(ONNXImportError) -> [Int]? {
    guard let attribute = attribute(name) else { return nil }
    guard attribute.ints.count <= ONNXLimits.maxRank * 2,
      attribute.ints.allSatisfy({ $0 >= -Int64(ONNXLimits.maxDimension) && $0 <= Int64(ONNXLimits.maxDimension) })
    else { throw invalid("attribute '\(name)' = \(attribute.ints) is out of range") }
    return attribute.ints.map { Int($0) }
  }

  func float(_ name: String, default value: Float) -> Float { attribute(name)?.f ?? value }

  func string(_ name: String, default value: String) -> String {
    attribute(name).map { String(decoding: $0.s, as: UTF8.self) } ?? value
  }

  /// Refuses any attribute outside `known`, naming it.
  func onlyAttributes(_ known: Set<String>) throws(ONNXImportError) {
    if let unknown = proto.attribute.first(where: { !known.contains($0.name) }) {
      throw unsupported(unknown.name, "(not implemented for this operator)")
    }
  }

  func unsupported(_ attribute: String, _ detail: String) -> ONNXImportError {
    .unsupportedAttribute(op: op, node: name, attribute: attribute, detail: detail, opset: opset)
  }

  func invalid(_ detail: String) -> ONNXImportError { .invalidNode(op: op, node: name, detail: detail) }
}
