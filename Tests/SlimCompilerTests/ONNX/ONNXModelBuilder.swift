import Foundation

@testable import SlimCompiler

/// Small ONNX models built in Swift, for tests of the importer's error paths.
enum ONNXModelBuilder {
  static func tensorType(_ dims: [Int64]) -> Onnx_TypeProto {
    var type = Onnx_TypeProto()
    var tensor = Onnx_TypeProto.Tensor()
    tensor.elemType = Int32(Onnx_TensorProto.DataType.float.rawValue)
    for d in dims {
      var dim = Onnx_TensorShapeProto.Dimension()
      dim.dimValue = d
      tensor.shape.dim.append(dim)
    }
    type.tensorType = tensor
    return type
  }

  static func value(_ name: String, _ dims: [Int64]) -> Onnx_ValueInfoProto {
    var info = Onnx_ValueInfoProto()
    info.name = name
    info.type = tensorType(dims)
    return info
  }

  static func node(_ op: String, _ inputs: [String], _ outputs: [String], name: String = "") -> Onnx_NodeProto {
    var node = Onnx_NodeProto()
    node.opType = op
    node.input = inputs
    node.output = outputs
    node.name = name
    return node
  }

  /// `node` with float attributes added (e.g. LeakyRelu's `alpha`).
  static func with(_ node: Onnx_NodeProto, floats attributes: [(String, Float)]) -> Onnx_NodeProto {
    var node = node
    for (name, value) in attributes {
      var attribute = Onnx_AttributeProto()
      attribute.name = name
      attribute.type = .float
      attribute.f = value
      node.attribute.append(attribute)
    }
    return node
  }

  static func floats(_ name: String, _ dims: [Int64], _ values: [Float]) -> Onnx_TensorProto {
    var tensor = Onnx_TensorProto()
    tensor.name = name
    tensor.dims = dims
    tensor.dataType = Int32(Onnx_TensorProto.DataType.float.rawValue)
    tensor.floatData = values
    return tensor
  }

  /// `x [1, 2, 4, 4]` through `nodes` to output `y`.
  static func model(
    _ nodes: [Onnx_NodeProto], initializers: [Onnx_TensorProto] = [], output: [Int64] = [1, 2, 4, 4], opset: Int64 = 13
  ) throws -> Data {
    var model = Onnx_ModelProto()
    model.irVersion = 8
    var entry = Onnx_OperatorSetIdProto()
    entry.version = opset
    model.opsetImport = [entry]
    model.graph.node = nodes
    model.graph.initializer = initializers
    model.graph.input = [value("x", [1, 2, 4, 4])]
    model.graph.output = [value("y", output)]
    return try model.serializedData()
  }
}
