import Foundation
import SlimRuntime

@testable import SlimCompiler

/// One ONNX backend node test case (`model.onnx`, `test_data_set_0/input_*.pb`,
/// `output_*.pb`) run through the importer, the reference engine and the runtime.
///
/// The first graph input is the run-time input; the others (weights, bounds, shapes
/// that the case feeds as inputs) are bound as constants, as slim packs them.
struct ONNXNodeCase {
  enum Outcome: Equatable {
    case pass
    /// A typed error refused the case (unsupported operator, attribute, shape ...).
    case refused(stage: String, reason: String)
    /// The numbers differ: a wrong answer.
    case wrong(String)
  }

  let folder: URL
  var name: String { folder.lastPathComponent }

  func run() -> Outcome {
    let data: Data
    let model: Onnx_ModelProto
    var inputs: [ONNXConstant] = []
    let expected: ONNXConstant
    do {
      data = try Data(contentsOf: folder.appendingPathComponent("model.onnx"))
      model = try Onnx_ModelProto(serializedBytes: data)
      let set = folder.appendingPathComponent("test_data_set_0")
      for index in 0..<model.graph.input.count {
        let url = set.appendingPathComponent("input_\(index).pb")
        guard FileManager.default.fileExists(atPath: url.path) else { break }
        inputs.append(try ONNXConstant(Onnx_TensorProto(serializedBytes: Data(contentsOf: url)), directory: nil))
      }
      let output = set.appendingPathComponent("output_0.pb")
      expected = try ONNXConstant(Onnx_TensorProto(serializedBytes: Data(contentsOf: output)), directory: nil)
    } catch {
      return .refused(stage: "read", reason: "\(error)")
    }
    guard let first = inputs.first else { return .refused(stage: "import", reason: "the case has no inputs") }
    var bound: [String: ONNXConstant] = [:]
    for (info, value) in zip(model.graph.input.dropFirst(), inputs.dropFirst()) { bound[info.name] = value }

    let graph: Graph
    do { graph = try ONNXImporter.importGraph(data, directory: folder.path, boundInputs: bound) } catch {
      return .refused(stage: "import", reason: "\(error)")
    }
    let inputShape = graph.values[graph.inputs[0]].shape
    guard inputShape.reduce(1, *) == first.count else {
      return .refused(stage: "import", reason: "input \(first.shape) does not fit the graph's \(inputShape)")
    }
    let reference: [Float]
    do { reference = try ReferenceEngine.run(graph, inputs: [first.tensor(shape: inputShape)])[0].scalars } catch {
      return .refused(stage: "reference", reason: "\(error)")
    }
    let expectedValues = expected.floats
    guard reference.count == expectedValues.count else {
      return .wrong("reference engine gives \(reference.count) values, ONNX expects \(expectedValues.count)")
    }
    let referenceComparison = Comparison(candidate: reference, reference: expectedValues)
    guard referenceComparison.within(1e-4) else { return .wrong("reference engine: \(referenceComparison)") }

    let bytes: [UInt8]
    do {
      let packed = try Lowering.lower(Optimizer.optimize(graph).graph)
      bytes = try SlimWriter.serialize(packed, compression: .none)
    } catch {
      return .refused(stage: "lowering", reason: "\(error)")
    }
    let runtime: [Float]
    do { runtime = try RuntimeProbe.run(bytes, inputs: [first.floats])[0] } catch {
      return .refused(stage: "runtime", reason: "\(error)")
    }
    let runtimeComparison = Comparison(candidate: runtime, reference: expectedValues)
    guard runtimeComparison.within(1e-4) else { return .wrong("runtime: \(runtimeComparison)") }
    return .pass
  }
}
