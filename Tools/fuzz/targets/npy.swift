// fuzz-modules: SlimRuntime SwiftProtobuf SlimCompiler
// fuzz-seeds: Tests/Fixtures/vgg/*.npy Tests/Fixtures/vgg/logits/*.npy Tests/Fixtures/vgg/inputs/*.npy
// The `.npy` reader: magic, version, the Python-literal header, shape and data size.
import SlimCompiler

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? NpyArray(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}
