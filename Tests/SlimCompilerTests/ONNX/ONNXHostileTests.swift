import Foundation
import Testing

@testable import SlimCompiler

/// Damaged, hostile and unsupported ONNX input gets a typed error naming the problem.
@Suite struct ONNXHostileTests {
  typealias B = ONNXModelBuilder

  func importError(_ data: Data, directory: String? = nil) -> ONNXImportError? {
    do {
      _ = try ONNXImporter.importGraph(data, directory: directory)
      return nil
    } catch { return error }
  }

  @Test func reluModelImports() throws {
    let graph = try ONNXImporter.importGraph(B.model([B.node("Relu", ["x"], ["y"], name: "r")]), directory: nil)
    #expect(graph.nodes.map(\.name) == ["r"])
  }

  @Test func everyTruncationIsRefusedOrStillValid() throws {
    let bytes = try B.model([B.node("Relu", ["x"], ["y"])])
    for length in 0..<bytes.count {
      // Truncations either fail to decode or lose the graph; none may crash.
      _ = importError(bytes.prefix(length))
    }
    #expect(importError(Data([0x08, 0xFF])) != nil)
  }

  @Test func unsupportedOperatorNamesOpNodeAndOpset() throws {
    let error = importError(try B.model([B.node("Softmax", ["x"], ["y"], name: "head")], opset: 17))
    #expect("\(error!)" == "operator Softmax (node 'head', opset 17) is not supported")
  }

  @Test func unsupportedAttributeIsNamed() throws {
    let clip = B.node("Clip", ["x", "lo", "hi"], ["y"], name: "clip")
    let error = importError(
      try B.model([clip], initializers: [B.floats("lo", [2], [-1, 0]), B.floats("hi", [], [1])]))
    #expect(
      "\(error!)"
        == "operator Clip (node 'clip', opset 13): attribute 'min' of shape [2] (only a scalar is) is not supported")
  }

  @Test func unsupportedOpsetIsRefused() throws {
    let error = importError(try B.model([B.node("Relu", ["x"], ["y"])], opset: 99))
    guard case .unsupportedOpset(_, 99)? = error else {
      Issue.record("expected unsupportedOpset, got \(String(describing: error))")
      return
    }
  }

  @Test func initializerWhoseDataDisagreesWithItsDimsIsRefused() throws {
    let conv = B.node("Conv", ["x", "w"], ["y"], name: "c")
    let error = importError(try B.model([conv], initializers: [B.floats("w", [2, 2, 1, 1], [1, 2, 3])]))
    guard case .invalidTensor(name: "w", _)? = error else {
      Issue.record("expected invalidTensor, got \(String(describing: error))")
      return
    }
  }

  @Test(arguments: ["../secret.bin", "/etc/passwd", "a/../../b", "./w.bin"])
  func externalDataOutsideTheModelFolderIsRefused(location: String) throws {
    var weight = B.floats("w", [2, 2, 1, 1], [])
    weight.dataLocation = .external
    var entry = Onnx_StringStringEntryProto()
    entry.key = "location"
    entry.value = location
    weight.externalData = [entry]
    let error = importError(
      try B.model([B.node("Conv", ["x", "w"], ["y"])], initializers: [weight]), directory: NSTemporaryDirectory())
    guard case .externalData(name: "w", _)? = error else {
      Issue.record("expected externalData, got \(String(describing: error))")
      return
    }
  }

  @Test func externalDataInsideTheModelFolderIsRead() throws {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("slim-onnx-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let values: [Float] = [1, 0, 0, 1]
    let raw = values.withUnsafeBytes { Data($0) }
    try (Data([9, 9, 9, 9]) + raw).write(to: folder.appendingPathComponent("weights.bin"))
    var weight = B.floats("w", [2, 2, 1, 1], [])
    weight.dataLocation = .external
    weight.externalData = [("location", "weights.bin"), ("offset", "4"), ("length", "16")].map { key, value in
      var entry = Onnx_StringStringEntryProto()
      entry.key = key
      entry.value = value
      return entry
    }
    let graph = try ONNXImporter.importGraph(
      try B.model([B.node("Conv", ["x", "w"], ["y"])], initializers: [weight]), directory: folder.path)
    guard case .conv2d(let conv) = graph.nodes[0].operation else {
      Issue.record("expected a conv")
      return
    }
    #expect(conv.weight.scalars == values)
  }

  @Test func hugeDimensionsAreRefusedBeforeAllocating() throws {
    let error = importError(
      try B.model([B.node("Conv", ["x", "w"], ["y"])], initializers: [B.floats("w", [1 << 20, 1 << 20, 1, 1], [])]))
    guard case .tooLarge? = error else {
      Issue.record("expected tooLarge, got \(String(describing: error))")
      return
    }
  }

  @Test func slimPackRefusesUnsupportedOnnxWithATypedError() throws {
    let path = NSTemporaryDirectory() + "slim-unsupported-\(UUID()).onnx"
    try B.model([B.node("Softmax", ["x"], ["y"], name: "head")]).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: PackError.self) { try Packer.pack(checkpointAt: path, options: PackOptions()) }
  }
}
