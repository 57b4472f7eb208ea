extension ONNXGraphBuilder {
  /// ONNX operator types this importer reads (Tools/onnx/make_node_cases.py lists the same).
  static let supportedOperators: Set<String> = [
    "Conv", "BatchNormalization", "Relu", "Clip", "MaxPool", "AveragePool", "GlobalAveragePool", "Concat", "Gemm",
    "MatMul", "Flatten", "Reshape", "Identity", "Dropout", "Constant", "Add", "Shape", "Gather", "Unsqueeze", "Cast",
    "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish", "Mul", "Sub", "Div", "Pad", "Resize", "Upsample",
  ]

  /// Appends (or folds) one node. An operator outside `supportedOperators`, or in another
  /// domain, is an error naming the operator, the node and the opset.
  mutating func importNode(_ node: ONNXNode) throws(ONNXImportError) {
    guard node.proto.domain.isEmpty || node.proto.domain == "ai.onnx" else {
      throw .unsupportedOperator(op: "\(node.proto.domain).\(node.op)", node: node.name, opset: opset)
    }
    switch node.op {
    case "Conv": try importConv(node)
    case "BatchNormalization": try importBatchNorm(node)
    case "MaxPool", "AveragePool": try importPool(node)
    case "GlobalAveragePool": try importGlobalAveragePool(node)
    case "Gemm": try importGemm(node)
    case "MatMul": try importMatMul(node)
    case "Relu": try importRelu(node)
    case "Clip": try importClip(node)
    case "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish": try importActivation(node)
    case "Add": try importElementwise(node, .add)
    case "Sub": try importElementwise(node, .sub)
    case "Mul": try importElementwise(node, .mul)
    case "Div": try importElementwise(node, .div)
    case "Pad": try importPad(node)
    case "Resize", "Upsample": try importResize(node)
    case "Concat": try importConcat(node)
    case "Flatten": try importFlatten(node)
    case "Reshape": try importReshape(node)
    case "Identity", "Dropout": try importPassThrough(node)
    case "Constant": try importConstant(node)
    case "Shape": try importShape(node)
    case "Gather": try importGather(node)
    case "Unsqueeze": try importUnsqueeze(node)
    case "Cast": try importCast(node)
    default: throw .unsupportedOperator(op: node.op, node: node.name, opset: opset)
    }
  }
}
