// fuzz-modules: SlimRuntime SwiftProtobuf SlimCompiler
// fuzz-seeds: Tests/Fixtures/vgg/inputs/*
// `slim-run`'s input decoding. The first byte picks the forced format and a model
// input shape (with mean/std lists that may not fit it, as a hostile `.slim` can
// store); the rest is the input file.
import SlimCompiler

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInputDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 1 else { return 0 }
  let selector = Int(data[0])
  let shapes: [[Int]] = [[1, 3, 32, 32], [1, 1, 8, 8], [1, 10], [1, 2, 3, 1]]
  let shape = shapes[selector & 3]
  let format = InputDecoder.Format.allCases[(selector >> 2) & 3]
  let statistics: [Float]? = selector & 0x10 == 0 ? nil : Array(repeating: 0.5, count: (selector >> 5) & 3)
  let decoder = InputDecoder(inputShape: shape, mean: statistics, std: statistics)
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  _ = try? decoder.decode(bytes, format: format, pathExtension: selector & 0x80 == 0 ? "npy" : "")
  return 0
}
