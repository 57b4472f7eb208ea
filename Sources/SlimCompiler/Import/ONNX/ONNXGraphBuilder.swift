/// Walks an ONNX graph's nodes in order and appends the equivalent operations to a `Graph`.
///
/// Every ONNX name maps to a `Symbol`: a graph value (computed at run time) or a constant
/// known now. Constant-only nodes are folded here, so only real computation reaches
/// the graph. The operator rules live in the `ONNXGraphBuilder+...` extensions.
struct ONNXGraphBuilder {
  enum Symbol {
    case value(Graph.ValueID)
    case constant(ONNXConstant)
  }

  var graph = Graph()
  var symbols: [String: Symbol] = [:]
  /// How many nodes (and graph outputs) read each name, to know when a producer may be rewritten.
  var readers: [String: Int] = [:]
  let opset: Int
  let directory: String?
  /// The ONNX node behind each graph node (parallel to `graph.nodes`), for write-back.
  var sources: [ONNXNodeSource] = []
  /// Index into `GraphProto.node` of the node being imported.
  var currentNode: Int?

  init(
    opset: Int, directory: String?, boundInputs: [String: ONNXConstant], graph proto: Onnx_GraphProto
  ) throws(ONNXImportError) {
    self.opset = opset
    self.directory = directory
    guard proto.node.count <= ONNXLimits.maxNodes else {
      throw .tooLarge(what: "node count", limit: ONNXLimits.maxNodes)
    }
    guard proto.initializer.count <= ONNXLimits.maxInitializers else {
      throw .tooLarge(what: "initializer count", limit: ONNXLimits.maxInitializers)
    }
    for (name, constant) in boundInputs { symbols[name] = .constant(constant) }
  }

  mutating func build(_ proto: Onnx_GraphProto) throws(ONNXImportError) {
    for initializer in proto.initializer {
      symbols[initializer.name] = .constant(try ONNXConstant(initializer, directory: directory))
    }
    for node in proto.node {
      for name in node.input where !name.isEmpty { readers[name, default: 0] += 1 }
    }
    for output in proto.output { readers[output.name, default: 0] += 1 }
    // Inputs that an initializer (or a binding) defines are constants with defaults, not inputs.
    for input in proto.input where symbols[input.name] == nil {
      let id = graph.addInput(name: input.name, shape: try Self.staticShape(of: input))
      symbols[input.name] = .value(id)
    }
    guard graph.inputs.count == 1 else {
      throw .unsupportedInput(
        name: proto.input.map(\.name).joined(separator: ", "),
        detail: "the model needs exactly one non-constant input, it has \(graph.inputs.count)")
    }
    for (index, node) in proto.node.enumerated() {
      currentNode = index
      try importNode(ONNXNode(proto: node, opset: opset))
    }
    currentNode = nil
    for output in proto.output {
      guard case .value(var id) = symbols[output.name] else {
        throw .unsupportedInput(name: output.name, detail: "graph output is a constant or undefined")
      }
      // An output that is the input itself (Identity/Dropout only) still needs an operator
      // to write it: a copy.
      if graph.inputs.contains(id) || graph.outputs.contains(id) {
        do { id = try graph.append(.reshape(shape: shape(id)), name: output.name, inputs: [id]) } catch {
          throw .graph(error)
        }
        sources.append(ONNXNodeSource(node: nil))
      }
      graph.outputs.append(id)
    }
  }

  /// The input's shape with a symbolic leading (batch) dimension taken as 1.
  static func staticShape(of input: Onnx_ValueInfoProto) throws(ONNXImportError) -> [Int] {
    guard case .tensorType(let type)? = input.type.value else {
      throw .unsupportedInput(name: input.name, detail: "is not a tensor")
    }
    guard type.elemType == Int32(Onnx_TensorProto.DataType.float.rawValue) else {
      throw .unsupportedInput(name: input.name, detail: "element type \(type.elemType) is not float32")
    }
    var shape: [Int] = []
    for (axis, dim) in type.shape.dim.enumerated() {
      switch dim.value {
      case .dimValue(let value)? where value >= 1 && value <= Int64(ONNXLimits.maxDimension):
        shape.append(Int(value))
      case .dimParam? where axis == 0, nil where axis == 0:
        shape.append(1)
      default:
        throw .unsupportedInput(name: input.name, detail: "dimension \(axis) is not a static size")
      }
    }
    return shape
  }

  // MARK: - Symbols

  func symbol(_ name: String, for node: ONNXNode) throws(ONNXImportError) -> Symbol {
    guard let symbol = symbols[name] else { throw .missingValue(name: name, node: node.name) }
    return symbol
  }

  /// The graph value named `name`; a constant here is refused (the operator needs a run-time input).
  func value(_ name: String, for node: ONNXNode) throws(ONNXImportError) -> Graph.ValueID {
    guard case .value(let id) = try symbol(name, for: node) else {
      throw node.invalid("input '\(name)' is a constant where a computed value is expected")
    }
    return id
  }

  /// The constant named `name`, or nil when the input is omitted.
  func constant(_ index: Int, of node: ONNXNode) throws(ONNXImportError) -> ONNXConstant? {
    guard let name = node.input(index) else { return nil }
    guard case .constant(let constant) = try symbol(name, for: node) else {
      throw node.invalid("input '\(name)' must be a constant (an initializer): slim packs it as a weight")
    }
    return constant
  }

  func shape(_ id: Graph.ValueID) -> [Int] { graph.values[id].shape }

  /// Appends `operation` reading `inputs` and binds the node's first output to the result.
  mutating func emit(
    _ operation: GraphOperation, _ node: ONNXNode, inputs: [Graph.ValueID]
  ) throws(ONNXImportError) {
    let id: Graph.ValueID
    do { id = try graph.append(operation, name: node.name, inputs: inputs) } catch { throw .graph(error) }
    sources.append(ONNXNodeSource(node: currentNode))
    bind(node, output: 0, to: .value(id))
  }

  mutating func bind(_ node: ONNXNode, output: Int, to symbol: Symbol) {
    guard output < node.outputs.count, !node.outputs[output].isEmpty else { return }
    symbols[node.outputs[output]] = symbol
  }

  /// Refuses a node whose optional outputs past `count` are read by anything.
  func onlyOutputs(_ count: Int, of node: ONNXNode) throws(ONNXImportError) {
    for name in node.outputs.dropFirst(count) where !name.isEmpty && readers[name, default: 0] > 0 {
      throw node.unsupported(name, "(output \(name) is read, but only the first output is supported)")
    }
  }
}
