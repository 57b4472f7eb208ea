// fuzz-modules: SlimRuntime SwiftProtobuf SlimCompiler
// fuzz-seeds: Tests/Fixtures/checkpoint/*.pt Tests/Fixtures/checkpoint/*.ckpt Tests/Fixtures/vgg/pruned.pth.tar
// The whole checkpoint reader as `slim-pack` uses it: zip directory, entries, CRCs,
// the data-only unpickler and the tensor rebuilding from storages.
import SlimCompiler

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpointReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = try? CheckpointReader.read(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}
