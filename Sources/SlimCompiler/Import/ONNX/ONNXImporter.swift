import Foundation
import SwiftProtobuf

/// Reads an ONNX model (a protobuf `ModelProto`) and builds the same `Graph` the
/// checkpoint builders build: initializers become the weights inside the
/// `GraphOperation`s, ONNX node names stay the node names, shape arithmetic is folded
/// to constants, and Identity/Dropout disappear.
///
/// The graph must have one float input of static shape (a symbolic batch dimension is
/// taken as 1) and static shapes throughout.
public enum ONNXImporter {
  /// Whether `bytes` look like an ONNX model rather than a checkpoint: a protobuf whose
  /// first field is `ir_version` (field 1, varint) or, for files that order fields
  /// differently, the `.onnx` extension decides in `importModel(at:)`.
  public static func looksLikeONNX(_ prefix: [UInt8]) -> Bool { prefix.first == 0x08 }

  /// Imports the model at `path`; external data files are looked up beside it.
  /// Cost: reads the file once (≤ `ONNXLimits.maxModelBytes`), O(weights) memory.
  public static func importModel(at path: String) throws(ONNXImportError) -> ImportedModel {
    try importSource(at: path).model
  }

  /// `importModel(at:)` keeping the decoded `ModelProto` and where each graph node came
  /// from, for writing a rewritten graph back (`ONNXPruning`).
  static func importSource(at path: String) throws(ONNXImportError) -> ONNXSourceModel {
    let url = URL(fileURLWithPath: path)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    guard let size else { throw .cannotRead(path: path, detail: "no such file or not readable") }
    guard size <= ONNXLimits.maxModelBytes else { throw .tooLarge(what: "'\(path)'", limit: ONNXLimits.maxModelBytes) }
    guard let data = try? Data(contentsOf: url) else { throw .cannotRead(path: path, detail: "cannot read the file") }
    var source = try importSource(data, directory: url.deletingLastPathComponent().path)
    source.model.sourceFile = path
    return source
  }

  /// Builds the graph of a serialized `ModelProto`.
  ///
  /// - Parameters:
  ///   - directory: the model's folder, where external data may live (nil refuses external data).
  ///   - boundInputs: graph inputs to treat as constants (e.g. weights that a test feeds as inputs).
  public static func importGraph(
    _ data: Data, directory: String?, boundInputs: [String: ONNXConstant] = [:]
  ) throws(ONNXImportError) -> Graph {
    try importSource(data, directory: directory, boundInputs: boundInputs).model.graph
  }

  /// Decodes and imports `data`, keeping the proto and the node provenance.
  static func importSource(
    _ data: Data, directory: String?, boundInputs: [String: ONNXConstant] = [:]
  ) throws(ONNXImportError) -> ONNXSourceModel {
    guard data.count <= ONNXLimits.maxModelBytes else {
      throw .tooLarge(what: "the model", limit: ONNXLimits.maxModelBytes)
    }
    var options = BinaryDecodingOptions()
    options.messageDepthLimit = ONNXLimits.maxMessageDepth
    let model: Onnx_ModelProto
    do { model = try Onnx_ModelProto(serializedBytes: data, options: options) } catch {
      throw .malformed("protobuf decoding failed: \(error)")
    }
    var builder = try ONNXGraphBuilder(
      opset: opset(of: model), directory: directory, boundInputs: boundInputs, graph: model.graph)
    try builder.build(model.graph)
    var valueIDs: [String: Graph.ValueID] = [:]
    for (name, symbol) in builder.symbols {
      if case .value(let id) = symbol { valueIDs[name] = id }
    }
    let imported = ImportedModel(
      graph: builder.graph, architecture: .onnx, configDescription: "", configFromCheckpoint: false,
      strippedPrefix: "", sourceFile: "", sourceFormat: "onnx")
    return ONNXSourceModel(
      model: imported, proto: model, sources: builder.sources, valueIDs: valueIDs, directory: directory)
  }

  /// The default-domain opset the model imports; other domains are refused when nodes use them.
  static func opset(of model: Onnx_ModelProto) throws(ONNXImportError) -> Int {
    guard let entry = model.opsetImport.first(where: { $0.domain.isEmpty || $0.domain == "ai.onnx" }) else {
      throw .malformed("no ai.onnx opset is imported")
    }
    guard entry.version >= Int64(ONNXLimits.opsets.lowerBound), entry.version <= Int64(ONNXLimits.opsets.upperBound)
    else { throw .unsupportedOpset(domain: entry.domain, version: Int(clamping: entry.version)) }
    return Int(entry.version)
  }
}
