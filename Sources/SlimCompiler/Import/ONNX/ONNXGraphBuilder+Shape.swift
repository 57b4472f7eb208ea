extension ONNXGraphBuilder {
  /// Identity and inference-mode Dropout: the output is the input.
  mutating func importPassThrough(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(node.op == "Dropout" ? ["ratio", "seed", "is_test"] : [])
    try onlyOutputs(1, of: node)
    if node.op == "Dropout", let training = try constant(2, of: node), training.floats.contains(where: { $0 != 0 }) {
      throw node.unsupported("training_mode", "= true")
    }
    bind(node, output: 0, to: try symbol(node.inputs.first ?? "", for: node))
  }

  mutating func importConstant(_ node: ONNXNode) throws(ONNXImportError) {
    guard let attribute = node.proto.attribute.first else { throw node.invalid("has no value attribute") }
    let constant: ONNXConstant
    switch attribute.name {
    case "value": constant = try ONNXConstant(attribute.t, directory: directory)
    case "value_float": constant = ONNXConstant(shape: [], elements: .floats([attribute.f]))
    case "value_floats": constant = ONNXConstant(shape: [attribute.floats.count], elements: .floats(attribute.floats))
    case "value_int": constant = ONNXConstant(shape: [], elements: .integers([attribute.i]))
    case "value_ints": constant = ONNXConstant(shape: [attribute.ints.count], elements: .integers(attribute.ints))
    default: throw node.unsupported(attribute.name, "(only numeric dense values are)")
    }
    bind(node, output: 0, to: .constant(constant))
  }

  /// `[1, C, H, W]` → `[∏ dims before axis, ∏ dims from axis]`; `[1, F]` results stay a `flatten`.
  mutating func importFlatten(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["axis"])
    let x = try value(node.inputs.first ?? "", for: node)
    let input = shape(x)
    var axis = try node.int("axis", default: 1)
    if axis < 0 { axis += input.count }
    guard (0...input.count).contains(axis) else { throw node.invalid("axis \(axis) is outside rank \(input.count)") }
    try emitReshape(node, x, to: [input[..<axis].reduce(1, *), input[axis...].reduce(1, *)])
  }

  /// Reshape to a constant target: 0 copies the input's dimension (unless `allowzero`),
  /// −1 takes what is left.
  mutating func importReshape(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["allowzero"])
    let x = try value(node.inputs.first ?? "", for: node)
    guard let target = try constant(1, of: node)?.integers, target.count <= ONNXLimits.maxRank else {
      throw node.invalid("the target shape must be a constant integer list (after folding)")
    }
    let input = shape(x), count = input.reduce(1, *)
    let allowZero = try node.int("allowzero", default: 0) != 0
    var dims = target.enumerated().map { axis, d in d == 0 && !allowZero && axis < input.count ? input[axis] : Int(d) }
    if let unknown = dims.firstIndex(of: -1) {
      let known = dims.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
      guard known > 0, count % known == 0 else { throw node.invalid("cannot reshape \(input) to \(target)") }
      dims[unknown] = count / known
    }
    guard dims.allSatisfy({ $0 >= 0 }), dims.reduce(1, *) == count else {
      throw node.invalid("cannot reshape \(input) to \(target)")
    }
    try emitReshape(node, x, to: dims)
  }

  /// A reshape to `[1, F]` of a batch-1 value is the graph's `flatten`; any other is `reshape`.
  mutating func emitReshape(_ node: ONNXNode, _ x: Graph.ValueID, to dims: [Int]) throws(ONNXImportError) {
    let input = shape(x)
    if dims == [1, input.reduce(1, *)], input.first == 1, input.count >= 2 {
      try emit(.flatten, node, inputs: [x])
    } else {
      try emit(.reshape(shape: dims), node, inputs: [x])
    }
  }

  mutating func importConcat(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["axis"])
    var symbolsRead: [Symbol] = []
    for name in node.inputs where !name.isEmpty { symbolsRead.append(try symbol(name, for: node)) }
    guard let first = symbolsRead.first else { throw node.invalid("has no inputs") }
    let rank: Int
    switch first {
    case .value(let id): rank = shape(id).count
    case .constant(let c): rank = c.shape.count
    }
    var axis = try node.int("axis", default: 0)
    if axis < 0 { axis += rank }
    let constants = symbolsRead.compactMap { if case .constant(let c) = $0 { c } else { nil } }
    if constants.count == symbolsRead.count {
      // Shape arithmetic: concatenating 1-D integer lists.
      guard constants.allSatisfy({ $0.shape.count == 1 }), axis == 0 else {
        throw node.unsupported("axis", "on constants other than 1-D lists")
      }
      let values = constants.compactMap(\.integers)
      guard values.count == constants.count else { throw node.unsupported("inputs", "float constants") }
      let joined = values.flatMap { $0 }
      bind(node, output: 0, to: .constant(ONNXConstant(shape: [joined.count], elements: .integers(joined))))
      return
    }
    let ids = symbolsRead.compactMap { if case .value(let id) = $0 { id } else { nil } }
    guard ids.count == symbolsRead.count else { throw node.unsupported("inputs", "mixing constants and values") }
    try emit(.concat(axis: axis), node, inputs: ids)
  }

  /// The static shape of a value (or constant) as an int64 list, with opset 15's start/end.
  mutating func importShape(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["start", "end"])
    let dims: [Int]
    switch try symbol(node.inputs.first ?? "", for: node) {
    case .value(let id): dims = shape(id)
    case .constant(let c): dims = c.shape
    }
    func clamp(_ index: Int) -> Int { min(max(index < 0 ? index + dims.count : index, 0), dims.count) }
    let start = clamp(try node.int("start", default: 0))
    let end = max(start, clamp(try node.int("end", default: dims.count)))
    let slice = dims[start..<end].map(Int64.init)
    bind(node, output: 0, to: .constant(ONNXConstant(shape: [slice.count], elements: .integers(slice))))
  }

  /// Gather on constants along axis 0 (picking entries of a shape list).
  mutating func importGather(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["axis"])
    guard try node.int("axis", default: 0) == 0 else { throw node.unsupported("axis", "other than 0") }
    guard let data = try constant(0, of: node), data.shape.count == 1,
      let indices = try constant(1, of: node)?.integers
    else { throw node.unsupported("inputs", "other than a constant 1-D list and constant indices") }
    let values = data.integers ?? []
    var picked: [Int64] = []
    for index in indices {
      let i = Int(index < 0 ? index + Int64(data.count) : index)
      guard values.indices.contains(i) else { throw node.invalid("index \(index) is outside \(data.count) entries") }
      picked.append(values[i])
    }
    let shape = try constant(1, of: node)!.shape
    bind(node, output: 0, to: .constant(ONNXConstant(shape: shape, elements: .integers(picked))))
  }

  /// Unsqueeze of a constant (axes from the attribute before opset 13, an input after).
  mutating func importUnsqueeze(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["axes"])
    guard let data = try constant(0, of: node) else {
      throw node.unsupported("input", "that is computed (only constants are folded)")
    }
    var axes = try node.ints("axes") ?? []
    if let input = try constant(1, of: node)?.integers { axes = input.map { Int($0) } }
    var shape = data.shape
    let rank = shape.count + axes.count
    for axis in axes.map({ $0 < 0 ? $0 + rank : $0 }).sorted() {
      guard (0...shape.count).contains(axis) else { throw node.invalid("axis \(axis) is out of range") }
      shape.insert(1, at: axis)
    }
    bind(node, output: 0, to: .constant(ONNXConstant(shape: shape, elements: data.elements)))
  }

  /// Cast of a constant to a float or integer type.
  mutating func importCast(_ node: ONNXNode) throws(ONNXImportError) {
    try node.onlyAttributes(["to", "saturate"])
    guard let data = try constant(0, of: node) else {
      throw node.unsupported("input", "that is computed (only constants are folded)")
    }
    let to = Onnx_TensorProto.DataType(rawValue: try node.int("to", default: 0))
    switch to {
    case .float?, .double?, .float16?, .bfloat16?:
      bind(node, output: 0, to: .constant(ONNXConstant(shape: data.shape, elements: .floats(data.floats))))
    case .int64?, .int32?, .int16?, .int8?, .uint8?, .uint16?, .uint32?, .uint64?:
      let truncated = data.floats.map { Int64(exactly: $0.rounded(.towardZero)) ?? 0 }
      let values = data.integers ?? truncated
      bind(node, output: 0, to: .constant(ONNXConstant(shape: data.shape, elements: .integers(values))))
    default:
      throw node.unsupported("to", "= \(to.map { "\($0)" } ?? "unknown")")
    }
  }
}
