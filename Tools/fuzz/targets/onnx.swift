// fuzz-modules: SlimRuntime SwiftProtobuf SlimCompiler
// fuzz-seeds: Tests/Fixtures/onnx/*.onnx @onnx-nodes
// The ONNX importer as `slim-pack model.onnx` uses it: protobuf decoding (depth-limited),
// opset checks, initializers, constant folding of shape arithmetic and graph building.
// No directory is given, so external-data references are refused rather than read.
import Foundation
import SlimCompiler

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzONNXImporter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? ONNXImporter.importGraph(Data(bytes: data, count: size), directory: nil)
  return 0
}
