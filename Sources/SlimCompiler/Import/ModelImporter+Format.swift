import Foundation

extension ModelImporter {
  /// Imports a checkpoint or an ONNX model. ONNX is chosen by the `.onnx` extension,
  /// by `--arch onnx`, or by content: a protobuf starting with field 1 (`ir_version`),
  /// where a checkpoint starts with a zip (`PK`) or pickle (0x80) header.
  public static func importModel(
    at path: String, architecture: Architecture? = nil
  ) throws(ModelImportError) -> ImportedModel {
    if architecture == .onnx || isONNX(at: path) {
      do { return try ONNXImporter.importModel(at: path) } catch { throw .onnx(error) }
    }
    return try importCheckpoint(at: path, architecture: architecture)
  }

  /// Whether the file at `path` is taken as ONNX: the `.onnx` extension, or its content.
  public static func isONNX(at path: String) -> Bool {
    path.lowercased().hasSuffix(".onnx") || startsLikeONNX(path)
  }

  static func startsLikeONNX(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let prefix = (try? handle.read(upToCount: 1)) ?? nil
    return ONNXImporter.looksLikeONNX(Array(prefix ?? Data()))
  }
}
