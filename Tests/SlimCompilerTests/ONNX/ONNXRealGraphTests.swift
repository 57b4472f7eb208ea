import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// torchvision ResNet-18 (narrow) and MobileNetV2 exported by PyTorch's ONNX exporter,
/// packed and run on SlimRuntime, give onnxruntime's outputs (Tools/fixtures/make_onnx_fixtures.py).
@Suite struct ONNXRealGraphTests {
  static let models = ["resnet18-w16", "mobilenetv2-010"]

  static func inputs() throws -> [[Float]] {
    let batch = try Fixtures.npy("onnx/inputs.npy")
    let size = batch.values.count / batch.shape[0]
    return (0..<batch.shape[0]).map { Array(batch.values[$0 * size..<($0 + 1) * size]) }
  }

  @Test(arguments: models, [SlimCompression.none, .zlib])
  func packedModelMatchesOnnxRuntime(model: String, compression: SlimCompression) throws {
    var options = PackOptions()
    options.compression = compression
    let result = try Packer.pack(checkpointAt: Fixtures.path("onnx/\(model).onnx"), options: options)
    #expect(result.verification?.within(1e-4) == true)
    let golden = Fixtures.rows(try Fixtures.npy("onnx/\(model)-ort.npy"))
    let outputs = try RuntimeProbe.run(result.bytes, inputs: try Self.inputs())
    #expect(outputs.count == golden.count)
    for (output, expected) in zip(outputs, golden) {
      let comparison = Comparison(candidate: output, reference: expected)
      #expect(comparison.within(1e-4), "\(model): \(comparison)")
    }
  }

  @Test(arguments: models)
  func referenceEngineMatchesOnnxRuntime(model: String) throws {
    let imported = try ONNXImporter.importModel(at: Fixtures.path("onnx/\(model).onnx"))
    let golden = Fixtures.rows(try Fixtures.npy("onnx/\(model)-ort.npy"))
    for (input, expected) in zip(try Self.inputs(), golden) {
      let output = try ReferenceEngine.run(imported.graph, inputs: [Tensor(shape: [1, 3, 64, 64], scalars: input)])
      let comparison = Comparison(candidate: output[0].scalars, reference: expected)
      #expect(comparison.within(1e-4), "\(model): \(comparison)")
    }
  }

  @Test func importKeepsOnnxNodeNamesAndStructure() throws {
    let imported = try ONNXImporter.importModel(at: Fixtures.path("onnx/resnet18-w16.onnx"))
    let graph = imported.graph
    #expect(imported.sourceFormat == "onnx")
    #expect(graph.values[graph.inputs[0]].shape == [1, 3, 64, 64])
    #expect(graph.values[graph.outputs[0]].shape == [1, 10])
    // Stem + 16 block convolutions + 4 downsample 1x1s (the narrow variant's layer1 also
    // downsamples: its stem keeps 64 channels, layer1 has 4), 8 residual adds, one classifier.
    #expect(graph.nodes.filter { if case .conv2d = $0.operation { true } else { false } }.count == 21)
    #expect(graph.nodes.filter { if case .add = $0.operation { true } else { false } }.count == 8)
    #expect(graph.nodes.filter { if case .linear = $0.operation { true } else { false } }.count == 1)
    #expect(graph.nodes.contains { $0.name.hasPrefix("/layer1/layer1.0/conv1/Conv") })
  }

  @Test func packedFileRecordsOnnxAsItsSource() throws {
    let result = try Packer.pack(checkpointAt: Fixtures.path("onnx/mobilenetv2-010.onnx"), options: PackOptions())
    let format = result.packed.metadata.first { $0.key == "source.format" }?.value
    guard case .string(let text)? = format else {
      Issue.record("no source.format")
      return
    }
    #expect(text == "onnx")
  }
}
