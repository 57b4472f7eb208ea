// fuzz-modules: SlimRuntime SwiftProtobuf SlimCompiler
// fuzz-seeds: @slim-packs
// The `.slim` loader plus one inference: what a device does with a file it received.
// Most mutations would only break a CRC, so the target first repairs every checksum
// (`SlimChecksums`) and lets the fuzzer reach the section parsers and the
// graph/plan validation; the checksum checks themselves are covered by the tests.
import SlimCompiler
import SlimRuntime

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlimModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  var bytes = Array(UnsafeBufferPointer(start: data, count: size))
  SlimChecksums.repair(&bytes)
  guard let model = try? SlimModel(copying: bytes),
    // A valid file may still ask for more arena than a fuzzing process should take.
    model.arenaSize <= 64 << 20,
    let session = try? SlimSession(model: model)
  else { return 0 }
  for index in model.inputIndices.indices {
    let input = session.inputBuffer(index)
    for i in input.indices { input[i] = Float(i % 7) - 3 }
    // A uint8 pixel input has no float view (the buffer above is empty); fill its bytes.
    if model.inputs[index].dtype == .uint8 {
      let pixels = session.inputBytes(index)
      for i in pixels.indices { pixels[i] = UInt8(truncatingIfNeeded: i &* 37) }
    }
  }
  session.run()
  return 0
}
