import Foundation
import Testing

@testable import SlimCompiler

/// ONNX's backend node test cases for the supported operators, read from the installed
/// `onnx` package (never committed): every case passes or is refused with a typed error
/// that says why, none gives a wrong answer, and the cases listed in
/// `ONNXConformanceBaseline.passing` keep passing. Each case's outcome is printed
/// (`onnx-case: NAME: pass|refused|WRONG ...`); Tools/onnx/conformance.sh lists them.
///
/// Cases come from `SLIM_ONNX_NODE_CASES` (a folder written by
/// Tools/onnx/make_node_cases.py) or are generated into a temporary folder when
/// `python3 -c 'import onnx'` works; without onnx the test is skipped, saying so.
@Suite struct ONNXConformanceTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The folder of cases, or the reason there is none.
  static func caseFolder() -> Result<URL, SkipReason> {
    if let path = ProcessInfo.processInfo.environment["SLIM_ONNX_NODE_CASES"] {
      return .success(URL(fileURLWithPath: path))
    }
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("slim-onnx-node-\(UUID())")
    let script = repository.appendingPathComponent("Tools/onnx/make_node_cases.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, folder.path]
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    do { try process.run() } catch { return .failure(SkipReason("cannot start python3: \(error)")) }
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      return .failure(SkipReason("the onnx pip package is not usable (\(message.split(separator: "\n").last ?? ""))"))
    }
    return .success(folder)
  }

  struct SkipReason: Error { let text: String; init(_ text: String) { self.text = text } }

  @Test func backendNodeCasesPassOrAreRefusedWithAReason() throws {
    let folder: URL
    switch Self.caseFolder() {
    case .success(let url): folder = url
    case .failure(let reason):
      print("onnx-conformance: skipped: \(reason.text)")
      return
    }
    // A folder this test generated is removed afterwards; one given by the caller is kept.
    let generated = ProcessInfo.processInfo.environment["SLIM_ONNX_NODE_CASES"] == nil
    defer { if generated { try? FileManager.default.removeItem(at: folder) } }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(!names.isEmpty, "no cases in \(folder.path)")
    var passed: Set<String> = []
    var refused = 0
    for name in names {
      let outcome = ONNXNodeCase(folder: folder.appendingPathComponent(name)).run()
      switch outcome {
      case .pass:
        passed.insert(name)
        print("onnx-case: \(name): pass")
      case .refused(let stage, let reason):
        refused += 1
        print("onnx-case: \(name): refused at \(stage): \(reason)")
      case .wrong(let detail):
        print("onnx-case: \(name): WRONG \(detail)")
        Issue.record("\(name) gives a wrong answer: \(detail)")
      }
    }
    print("onnx-conformance: \(passed.count) passed, \(refused) refused, \(names.count) cases")
    for name in ONNXConformanceBaseline.passing where names.contains(name) {
      #expect(passed.contains(name), "\(name) passed before and fails now")
    }
  }
}
