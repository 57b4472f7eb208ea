import Foundation

/// Runs an `.onnx` file in onnxruntime through `python3 -c`, for tests that compare
/// slim's results with the runtime ONNX itself ships. `unavailable` says why it cannot
/// (no python3, or no onnxruntime/numpy), so a test can skip with that message.
enum ONNXRuntimeRunner {
  static let script = """
    import sys, numpy as np, onnxruntime as ort
    session = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
    shape = [int(d) for d in sys.argv[3].split(",")]
    x = np.fromfile(sys.argv[2], dtype=np.float32).reshape(shape)
    y = session.run(None, {session.get_inputs()[0].name: x})[0]
    y.astype(np.float32).tofile(sys.argv[4])
    """

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Nil when `python3` can import onnxruntime and numpy, else the reason.
  static var unavailable: String? {
    switch python(["-c", "import onnxruntime, numpy"]) {
    case .success: return nil
    case .failure(let failure): return "onnxruntime is not usable from python3 (\(failure))"
    }
  }

  /// The first output of the model at `path` on each input (float32, `shape`).
  static func run(model path: String, inputs: [[Float]], shape: [Int]) throws -> [[Float]] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slim-ort-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var outputs: [[Float]] = []
    for (index, input) in inputs.enumerated() {
      let x = folder.appendingPathComponent("x\(index).f32"), y = folder.appendingPathComponent("y\(index).f32")
      try input.withUnsafeBytes { Data($0) }.write(to: x)
      let arguments = ["-c", script, path, x.path, shape.map(String.init).joined(separator: ","), y.path]
      if case .failure(let failure) = python(arguments) { throw failure }
      let data = try Data(contentsOf: y)
      outputs.append(data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) })
    }
    return outputs
  }

  static func python(_ arguments: [String]) -> Result<Void, Failure> {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    do { try process.run() } catch { return .failure(Failure(description: "cannot start python3: \(error)")) }
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      return .failure(Failure(description: message.split(separator: "\n").last.map(String.init) ?? "exit status"))
    }
    return .success(())
  }
}
