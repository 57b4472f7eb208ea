import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// A MobileNetV3-style model built with onnx's python helper (HardSwish after a conv,
/// per-channel and scalar constant Mul/Add after a depthwise conv, LeakyRelu, a
/// squeeze-excitation gate with HardSigmoid, Clip, Sigmoid-weighted Mul, Gemm), packed
/// and run on SlimRuntime, gives onnxruntime's outputs. Generated on the machine
/// (Tools/onnx/make_activation_model.py); skipped, saying so, without onnx/onnxruntime.
@Suite struct ONNXActivationModelTests {
  @Test func packedModelMatchesOnnxRuntime() throws {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("slim-onnx-act-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = ONNXConformanceTests.repository.appendingPathComponent("Tools/onnx/make_activation_model.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, folder.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
      print("onnx-activation-model: skipped: cannot start python3: \(error)")
      return
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      print("onnx-activation-model: skipped: onnx or onnxruntime is not usable")
      return
    }
    func npy(_ name: String) throws -> NpyArray {
      try NpyArray(bytes: [UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
    }
    let result = try Packer.pack(checkpointAt: folder.appendingPathComponent("model.onnx").path, options: PackOptions())
    #expect(result.verification?.within(1e-4) == true)
    // Every activation and constant scale/shift is fused or folded: 5 convs, 2 gate
    // products, 2 pools, the flatten and the classifier.
    let opcodes = result.packed.operators.map(\.opcode)
    #expect(opcodes.filter { $0 == .conv2d }.count == 5)
    #expect(opcodes.filter { $0 == .mul }.count == 2)
    #expect(opcodes.count == 11, "\(opcodes)")
    let inputs = try npy("inputs.npy"), golden = Fixtures.rows(try npy("ort.npy"))
    let size = inputs.values.count / inputs.shape[0]
    let probes = (0..<inputs.shape[0]).map { Array(inputs.values[$0 * size..<($0 + 1) * size]) }
    let outputs = try RuntimeProbe.run(result.bytes, inputs: probes)
    #expect(outputs.count == golden.count)
    for (output, expected) in zip(outputs, golden) {
      let comparison = Comparison(candidate: output, reference: expected)
      #expect(comparison.within(1e-4), "\(comparison)")
    }
  }
}
