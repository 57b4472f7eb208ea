import Foundation

/// Writes a pruned graph back into the `ModelProto` it was imported from: the
/// initializers of changed layers are narrowed in place (Conv weight and bias,
/// BatchNormalization scale, B, mean and var, Gemm B and C, MatMul B and the bias of
/// the Add folded into it), a depthwise Conv's `group` follows its width, stale
/// `value_info` shapes are corrected (or dropped when they cannot be), and everything
/// else — node names and order, attributes, opsets, graph inputs and outputs, fields
/// the committed schema subset does not know — is kept as read.
///
/// Anything that cannot be written back exactly is refused with `PruneError.writeBack`
/// naming the tensor and node: a weight that is not an initializer (a graph input or a
/// Constant node's output), an initializer several node inputs share, a weight stored
/// as another type than float32, a Gemm whose alpha or beta scales a changed tensor, a
/// bias stored as a broadcast scalar that pruning makes per-channel.
///
/// Initializers kept in external data files are written inline (`raw_data`), so the
/// result does not depend on files beside the input; `notes` says how many.
struct ONNXWriteBack {
  private(set) var proto: Onnx_ModelProto
  /// What the caller should tell the user (external data inlined, value_info changed).
  private(set) var notes: [String] = []

  private let directory: String?
  private var initializerIndex: [String: Int] = [:]
  /// How many node inputs (and graph outputs) read each name.
  private var uses: [String: Int] = [:]
  /// Initializers already replaced, to refuse writing one twice.
  private var replaced: Set<String> = []

  /// Precondition: `pruned` has the nodes of `source.model.graph` in the same order
  /// (what `PhysicalPruning` builds), and `original` is that imported graph.
  /// Cost: O(weights) plus reading external data once.
  init(_ source: ONNXSourceModel, original: Graph, pruned: Graph) throws(PruneError) {
    proto = source.proto
    directory = source.directory
    guard original.nodes.count == pruned.nodes.count, source.sources.count == original.nodes.count else {
      throw .internalInconsistency("the pruned graph does not have the imported graph's nodes")
    }
    for (index, tensor) in proto.graph.initializer.enumerated() { initializerIndex[tensor.name] = index }
    for node in proto.graph.node {
      for name in node.input where !name.isEmpty { uses[name, default: 0] += 1 }
    }
    for output in proto.graph.output { uses[output.name, default: 0] += 1 }
    for index in original.nodes.indices {
      guard let onnx = source.sources[index].node else { continue }
      try writeNode(
        onnx, folded: source.sources[index].foldedBias, before: original.nodes[index].operation,
        after: pruned.nodes[index].operation)
    }
    try inlineExternalData()
    correctValueInfo(source.valueIDs, original: original, pruned: pruned)
  }

  // MARK: - Layers

  private mutating func writeNode(
    _ onnx: Int, folded: (node: Int, input: Int)?, before: GraphOperation, after: GraphOperation
  ) throws(PruneError) {
    let node = proto.graph.node[onnx]
    switch (before, after) {
    case (.conv2d(let a), .conv2d(let b)):
      try replace(onnx, input: 1, before: a.weight, after: b.weight, dims: b.weight.shape)
      if let biasA = a.bias, let biasB = b.bias { try replaceVector(onnx, input: 2, before: biasA, after: biasB) }
      if a.groups != b.groups { setGroup(onnx, b.groups) }
    case (.batchNorm(let a), .batchNorm(let b)):
      let pairs = [(a.gamma, b.gamma), (a.beta, b.beta), (a.runningMean, b.runningMean), (a.runningVar, b.runningVar)]
      for (offset, pair) in pairs.enumerated() {
        try replaceVector(onnx, input: offset + 1, before: pair.0, after: pair.1)
      }
    case (.linear(let a), .linear(let b)) where node.opType == "Gemm":
      try writeGemm(onnx, before: a, after: b)
    case (.linear(let a), .linear(let b)) where node.opType == "MatMul":
      try replace(
        onnx, input: 1, before: a.weight, after: b.weight, dims: [b.weight.shape[1], b.weight.shape[0]],
        values: Self.transposed(b.weight))
      if let biasA = a.bias, let biasB = b.bias {
        guard let folded else { throw .internalInconsistency("MatMul '\(node.name)' has a bias but no Add") }
        try replaceVector(folded.node, input: folded.input, before: biasA, after: biasB)
      }
    case (.linear, .linear):
      throw .writeBack("node '\(node.name)' (\(node.opType)) became a linear layer slim cannot map back")
    default:
      // Operations without weights; their shapes follow from the inputs.
      break
    }
  }

  /// Gemm: the graph's weight is `alpha · B` (B transposed unless `transB`), its bias `beta · C`.
  private mutating func writeGemm(
    _ onnx: Int, before a: GraphOperation.Linear, after b: GraphOperation.Linear
  ) throws(PruneError) {
    let node = proto.graph.node[onnx]
    func attribute(_ name: String) -> Onnx_AttributeProto? { node.attribute.first { $0.name == name } }
    let alpha = attribute("alpha")?.f ?? 1, beta = attribute("beta")?.f ?? 1
    let transB = (attribute("transB")?.i ?? 0) != 0
    if !Self.same(a.weight, b.weight) {
      guard alpha == 1 else {
        throw .writeBack("Gemm '\(node.name)' scales its weight by alpha = \(alpha); slim cannot write B back exactly")
      }
      let dims = transB ? b.weight.shape : [b.weight.shape[1], b.weight.shape[0]]
      try replace(
        onnx, input: 1, before: a.weight, after: b.weight, dims: dims,
        values: transB ? b.weight.scalars : Self.transposed(b.weight))
    }
    if let biasA = a.bias, let biasB = b.bias, !Self.same(biasA, biasB) {
      guard beta == 1 else {
        throw .writeBack("Gemm '\(node.name)' scales its bias by beta = \(beta); slim cannot write C back exactly")
      }
      try replaceVector(onnx, input: 2, before: biasA, after: biasB)
    }
  }

  private mutating func setGroup(_ onnx: Int, _ groups: Int) {
    if let index = proto.graph.node[onnx].attribute.firstIndex(where: { $0.name == "group" }) {
      proto.graph.node[onnx].attribute[index].i = Int64(groups)
    } else {
      var attribute = Onnx_AttributeProto()
      attribute.name = "group"
      attribute.type = .int
      attribute.i = Int64(groups)
      proto.graph.node[onnx].attribute.append(attribute)
    }
  }

  // MARK: - Tensors

  /// Replaces a 1-D parameter (bias, batch-norm vector) stored with any leading 1s
  /// (`[C]`, `[1, C]`); a broadcast scalar may stay only if pruning left it uniform.
  private mutating func replaceVector(
    _ onnx: Int, input: Int, before: Tensor, after: Tensor
  ) throws(PruneError) {
    guard !Self.same(before, after) else { return }
    let name = try initializerName(onnx, input: input)
    let dims = proto.graph.initializer[initializerIndex[name]!].dims.map { Int($0) }
    if dims.reduce(1, *) == 1, before.count > 1 {
      let value = before.scalars[0]
      guard after.scalars.allSatisfy({ $0.bitPattern == value.bitPattern }) else {
        throw .writeBack(
          "'\(name)' of node '\(proto.graph.node[onnx].name)' is one value broadcast over the channels, "
            + "and pruning makes it differ per channel; slim cannot write that back")
      }
      return
    }
    guard let last = dims.last, last == before.count, dims.dropLast().allSatisfy({ $0 == 1 }) else {
      throw .writeBack("'\(name)' has shape \(dims), which slim cannot narrow to \(after.count) channels")
    }
    try replace(onnx, input: input, before: before, after: after, dims: dims.dropLast() + [after.count])
  }

  /// Replaces the initializer read by `input` of node `onnx` with `values` (default:
  /// `after`'s scalars, already in ONNX layout) of shape `dims`, unless nothing changed.
  private mutating func replace(
    _ onnx: Int, input: Int, before: Tensor, after: Tensor, dims: [Int], values: [Float]? = nil
  ) throws(PruneError) {
    guard !Self.same(before, after) else { return }
    let name = try initializerName(onnx, input: input)
    let index = initializerIndex[name]!
    var tensor = proto.graph.initializer[index]
    guard tensor.dataType == Int32(Onnx_TensorProto.DataType.float.rawValue) else {
      throw .writeBack(
        "initializer '\(name)' has ONNX element type \(tensor.dataType); slim writes pruned weights back as float32 only"
      )
    }
    guard !replaced.contains(name) else { throw .writeBack("initializer '\(name)' would be written twice") }
    replaced.insert(name)
    if tensor.dataLocation == .external {
      notes.append("'\(name)' was in external data and is written inline")
    }
    tensor.dims = dims.map { Int64($0) }
    tensor.rawData = Self.littleEndian(values ?? after.scalars)
    tensor.floatData = []
    tensor.externalData = []
    tensor.dataLocation = .default
    proto.graph.initializer[index] = tensor
    // IR < 4 lists initializers among the graph inputs too; their declared shape follows.
    for (i, declared) in proto.graph.input.enumerated() where declared.name == name {
      proto.graph.input[i].type.tensorType.shape.dim = dims.map { size in
        var dim = Onnx_TensorShapeProto.Dimension()
        dim.dimValue = Int64(size)
        return dim
      }
    }
  }

  /// The initializer name of `input` of node `onnx`, checked to be written back safely.
  private func initializerName(_ onnx: Int, input: Int) throws(PruneError) -> String {
    let node = proto.graph.node[onnx]
    guard input < node.input.count, !node.input[input].isEmpty else {
      throw .internalInconsistency("node '\(node.name)' has no input \(input)")
    }
    let name = node.input[input]
    guard initializerIndex[name] != nil else {
      throw .writeBack(
        "'\(name)', input \(input) of node '\(node.name)' (\(node.opType)), is not an initializer "
          + "(a graph input or a Constant node's output); slim can only write initializers back")
    }
    let readers = uses[name, default: 0]
    guard readers == 1 else {
      throw .writeBack(
        "initializer '\(name)' is read by \(readers) node inputs; narrowing it for node '\(node.name)' "
          + "would change the others")
    }
    return name
  }

  /// Makes every initializer still in external data inline, read from `directory`.
  private mutating func inlineExternalData() throws(PruneError) {
    var count = 0
    for index in proto.graph.initializer.indices where proto.graph.initializer[index].dataLocation == .external {
      var tensor = proto.graph.initializer[index]
      guard let type = Onnx_TensorProto.DataType(rawValue: Int(tensor.dataType)), let width = type.byteWidth else {
        throw .writeBack("external initializer '\(tensor.name)' has a type slim cannot copy")
      }
      let bytes: [UInt8]
      do {
        bytes = try ONNXConstant.readExternal(
          tensor, byteCount: tensor.dims.reduce(1) { $0 * Int($1) } * width, directory: directory)
      } catch {
        throw .writeBack("cannot copy external data: \(error)")
      }
      tensor.rawData = Data(bytes)
      tensor.externalData = []
      tensor.dataLocation = .default
      proto.graph.initializer[index] = tensor
      count += 1
    }
    if count > 0 {
      notes.append("\(count) other initializers from external data are written inline (the output is one file)")
    }
  }

  // MARK: - Shapes

  /// `value_info` entries whose value changed shape get the pruned sizes; an entry whose
  /// rank does not match the graph's is dropped (ONNX tools infer it again).
  private mutating func correctValueInfo(_ valueIDs: [String: Graph.ValueID], original: Graph, pruned: Graph) {
    var prunedID: [Graph.ValueID: Graph.ValueID] = [:]
    for (a, b) in zip(original.inputs, pruned.inputs) { prunedID[a] = b }
    for (a, b) in zip(original.nodes, pruned.nodes) {
      for (x, y) in zip(a.outputs, b.outputs) { prunedID[x] = y }
    }
    var corrected = 0, dropped = 0
    var kept: [Onnx_ValueInfoProto] = []
    for var info in proto.graph.valueInfo {
      guard let id = valueIDs[info.name], let newID = prunedID[id] else {
        kept.append(info)
        continue
      }
      let old = original.values[id].shape, new = pruned.values[newID].shape
      guard old != new else {
        kept.append(info)
        continue
      }
      guard case .tensorType(var type)? = info.type.value, type.shape.dim.count == new.count else {
        dropped += 1
        continue
      }
      for axis in new.indices where old[axis] != new[axis] {
        type.shape.dim[axis].dimValue = Int64(new[axis])
      }
      info.type.tensorType = type
      kept.append(info)
      corrected += 1
    }
    proto.graph.valueInfo = kept
    if corrected + dropped > 0 {
      notes.append("value_info: \(corrected) shapes corrected, \(dropped) dropped")
    }
  }

  // MARK: - Helpers

  /// Same shape and bit-identical values.
  static func same(_ a: Tensor, _ b: Tensor) -> Bool {
    a.shape == b.shape && a.scalars.elementsEqual(b.scalars) { $0.bitPattern == $1.bitPattern }
  }

  /// A `[rows, columns]` tensor's values in `[columns, rows]` order.
  static func transposed(_ matrix: Tensor) -> [Float] {
    let (rows, columns) = (matrix.shape[0], matrix.shape[1])
    var result = [Float](repeating: 0, count: matrix.count)
    for r in 0..<rows { for c in 0..<columns { result[c * rows + r] = matrix.scalars[r * columns + c] } }
    return result
  }

  static func littleEndian(_ values: [Float]) -> Data {
    var data = Data(capacity: values.count * 4)
    for value in values {
      let bits = value.bitPattern
      data.append(contentsOf: [
        UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24),
      ])
    }
    return data
  }
}
