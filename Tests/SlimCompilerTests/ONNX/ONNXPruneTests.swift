import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// `slim-prune` on the committed ONNX exports (torchvision ResNet-18 at 1/16 width,
/// MobileNetV2 0.1): the written `.onnx` re-imports to the pruned graph, has the widths
/// the report gives, packs, and runs on the runtime.
@Suite struct ONNXPruneTests {
  static let cases: [(String, Double)] = [
    ("resnet18-w16", 0.3), ("resnet18-w16", 0.5), ("mobilenetv2-010", 0.3), ("mobilenetv2-010", 0.6),
  ]

  static func prune(_ model: String, ratio: Double, method: PruneMethod = .l1) throws -> ONNXPruning.Output {
    var options = PruneOptions()
    options.method = method
    options.ratio = ratio
    return try ONNXPruning.prune(modelAt: Fixtures.path("onnx/\(model).onnx"), options: options)
  }

  static func decode(_ bytes: [UInt8]) throws -> Onnx_ModelProto { try Onnx_ModelProto(serializedBytes: bytes) }

  @Test(arguments: cases)
  func writtenModelReimportsToThePrunedGraph(model: String, ratio: Double) throws {
    let output = try Self.prune(model, ratio: ratio)
    let rebuilt = try ONNXImporter.importGraph(Data(output.bytes), directory: nil)
    #expect(output.result.verification.relativeDifference <= 1e-5)
    for input in try ONNXRealGraphTests.inputs() {
      let x = Tensor(shape: [1, 3, 64, 64], scalars: input)
      let written = try ReferenceEngine.run(rebuilt, inputs: [x])[0]
      let pruned = try ReferenceEngine.run(output.result.pruned, inputs: [x])[0]
      let comparison = Comparison(candidate: written.scalars, reference: pruned.scalars)
      #expect(comparison.relativeDifference <= 1e-5, "\(model) at \(ratio): \(comparison)")
    }
    // The shapes shrank as the report says: every narrowed layer has the width it reports.
    let before = LayerCost.total(output.result.original), after = LayerCost.total(rebuilt)
    #expect(after == LayerCost.total(output.result.pruned))
    #expect(after.parameters < before.parameters && after.macs < before.macs)
    let narrowed = output.result.masks.layers.filter { $0.kind == .narrowed }
    #expect(!narrowed.isEmpty)
    for decision in narrowed {
      let node = try #require(rebuilt.nodes.first { $0.name == decision.name })
      #expect(rebuilt.values[node.outputs[0]].shape[1] == decision.after, "\(decision.name)")
      // L1's rule: remove int(C · ratio) filters, never below one.
      let expected = max(decision.before - Int(Double(decision.before) * ratio), 1)
      #expect(decision.after == expected, "\(decision.name)")
    }
  }

  @Test(arguments: cases)
  func protoKeepsEverythingButTheNarrowedTensors(model: String, ratio: Double) throws {
    let output = try Self.prune(model, ratio: ratio)
    let original = try Onnx_ModelProto(serializedBytes: try Fixtures.bytes("onnx/\(model).onnx"))
    let pruned = try Self.decode(output.bytes)
    #expect(pruned.opsetImport == original.opsetImport)
    #expect(pruned.irVersion == original.irVersion)
    #expect(pruned.graph.input == original.graph.input)
    #expect(pruned.graph.output == original.graph.output)
    #expect(pruned.graph.node.map(\.name) == original.graph.node.map(\.name))
    #expect(pruned.graph.node.map(\.input) == original.graph.node.map(\.input))
    #expect(pruned.graph.initializer.map(\.name) == original.graph.initializer.map(\.name))
    var changed = 0
    for (a, b) in zip(original.graph.node, pruned.graph.node) {
      for (x, y) in zip(a.attribute, b.attribute) where x != y {
        // Only a depthwise conv's group may change, and only to its new width.
        #expect(a.opType == "Conv" && x.name == "group", "\(a.name).\(x.name)")
        let weight = try #require(pruned.graph.initializer.first { $0.name == b.input[1] })
        #expect(y.i == weight.dims[0] && weight.dims[1] == 1)
        changed += 1
      }
    }
    #expect((changed > 0) == model.hasPrefix("mobilenet"))
    let shrunk = zip(original.graph.initializer, pruned.graph.initializer).filter { $0.dims != $1.dims }
    #expect(!shrunk.isEmpty)
    for (a, b) in shrunk {
      #expect(a.dims.count == b.dims.count && zip(a.dims, b.dims).allSatisfy { $1 <= $0 }, "\(a.name)")
    }
  }

  @Test(arguments: ["resnet18-w16", "mobilenetv2-010"])
  func prunedGraphPacksAndRunsOnTheRuntime(model: String) throws {
    let output = try Self.prune(model, ratio: 0.3)
    let rebuilt = try ONNXImporter.importModel(at: try Self.write(output.bytes, name: "\(model).onnx"))
    let packed = try Packer.pack(rebuilt, options: PackOptions())
    #expect(packed.verification?.within(1e-4) == true)
    let inputs = try ONNXRealGraphTests.inputs()
    let outputs = try RuntimeProbe.run(packed.bytes, inputs: inputs)
    for (input, runtime) in zip(inputs, outputs) {
      let reference = try ReferenceEngine.run(
        output.result.pruned, inputs: [Tensor(shape: [1, 3, 64, 64], scalars: input)])[0]
      let comparison = Comparison(candidate: runtime, reference: reference.scalars)
      #expect(comparison.within(1e-4), "\(model): \(comparison)")
    }
  }

  @Test func slimmingNeedsBatchNormsWhichTheseExportsFolded() throws {
    #expect(throws: PruneError.self) { try Self.prune("resnet18-w16", ratio: 0.3, method: .slimming) }
  }

  /// Writes `bytes` to a fresh scratch folder; returns the path.
  static func write(_ bytes: [UInt8], name: String) throws -> String {
    let path = try CommandLineTests.scratch().appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }
}
