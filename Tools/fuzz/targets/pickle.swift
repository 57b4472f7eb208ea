// fuzz-modules: SlimRuntime SwiftProtobuf SlimCompiler
// fuzz-testable: SlimCompiler
// fuzz-seeds: @pickles
// The unpickler alone, fed `data.pkl` streams: inside a checkpoint the zip CRC
// stops nearly every mutation before it reaches the pickle. Every storage the
// pickle asks for exists and holds 4 KiB, so tensor rebuilding is exercised too.
@testable import SlimCompiler

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnpickler(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let storage = [UInt8](repeating: 0x3F, count: 4096)
  _ = try? Unpickler.unpickle(
    Array(UnsafeBufferPointer(start: data, count: size)), limits: CheckpointLimits()
  ) { _ throws(CheckpointError) in storage[...] }
  return 0
}
