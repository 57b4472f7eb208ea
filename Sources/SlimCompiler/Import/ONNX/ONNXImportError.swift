/// Why an ONNX file could not be turned into a graph. Each case names what was
/// wrong: the node and operator (with the model's opset) for operator problems,
/// the tensor for data problems.
public enum ONNXImportError: Error, CustomStringConvertible {
  case cannotRead(path: String, detail: String)
  case tooLarge(what: String, limit: Int)
  case malformed(String)
  case unsupportedOpset(domain: String, version: Int)
  case unsupportedOperator(op: String, node: String, opset: Int)
  case unsupportedAttribute(op: String, node: String, attribute: String, detail: String, opset: Int)
  case invalidNode(op: String, node: String, detail: String)
  case missingValue(name: String, node: String)
  case invalidTensor(name: String, detail: String)
  case externalData(name: String, detail: String)
  case unsupportedInput(name: String, detail: String)
  case graph(GraphError)

  public var description: String {
    switch self {
    case .cannotRead(let path, let detail): return "cannot read '\(path)': \(detail)"
    case .tooLarge(let what, let limit): return "\(what) exceeds the importer's limit of \(limit)"
    case .malformed(let detail): return "not a valid ONNX model: \(detail)"
    case .unsupportedOpset(let domain, let version):
      return "opset \(domain.isEmpty ? "ai.onnx" : domain) version \(version) is not supported "
        + "(supported: ai.onnx \(ONNXLimits.opsets.lowerBound)...\(ONNXLimits.opsets.upperBound))"
    case .unsupportedOperator(let op, let node, let opset):
      return "operator \(op) (node '\(node)', opset \(opset)) is not supported"
    case .unsupportedAttribute(let op, let node, let attribute, let detail, let opset):
      return "operator \(op) (node '\(node)', opset \(opset)): attribute '\(attribute)' \(detail) is not supported"
    case .invalidNode(let op, let node, let detail): return "operator \(op) (node '\(node)'): \(detail)"
    case .missingValue(let name, let node): return "node '\(node)' reads '\(name)', which nothing defines"
    case .invalidTensor(let name, let detail): return "tensor '\(name)': \(detail)"
    case .externalData(let name, let detail): return "external data of tensor '\(name)': \(detail)"
    case .unsupportedInput(let name, let detail): return "graph input '\(name)': \(detail)"
    case .graph(let error): return "the operators do not form a valid graph: \(error)"
    }
  }
}
