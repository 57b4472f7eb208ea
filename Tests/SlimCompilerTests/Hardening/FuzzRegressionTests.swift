import Testing

@testable import SlimCompiler

/// Inputs the fuzz targets in `Tools/fuzz/` crashed on, each with the typed error it now gets.
@Suite struct FuzzRegressionTests {
  /// `fuzz-input` crash-b375c2e7: a model storing fewer mean/std values than it has
  /// input channels indexed past the end of `mean` when normalizing uint8 pixels.
  @Test func pixelsWithTooFewStatisticsAreRejected() {
    let fuzzInput: [UInt8] = [0x92, 0xFA, 0x4F, 0x01, 0x00, 0x00, 0x00, 0xBF, 0x4F, 0xBF, 0xC5]
    let decoder = InputDecoder(inputShape: [1, 10], mean: [], std: [])
    #expect(throws: InputDecoder.Failure.preprocessingMismatch(channels: 1, mean: 0, std: 0)) {
      try decoder.decode(Array(fuzzInput.dropFirst()), format: .auto, pathExtension: "")
    }
    let rgb = InputDecoder(inputShape: [1, 3, 2, 2], mean: [0.5], std: [0.5, 0.5, 0.5])
    #expect(throws: InputDecoder.Failure.preprocessingMismatch(channels: 3, mean: 1, std: 3)) {
      try rgb.decode([UInt8](repeating: 7, count: 12), format: .u8, pathExtension: "")
    }
    let header = Array("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2, 3), }\n".utf8)
    let pixels = NpyArray.magic + [1, 0, UInt8(header.count), 0] + header + [UInt8](repeating: 7, count: 12)
    #expect(throws: InputDecoder.Failure.preprocessingMismatch(channels: 3, mean: 1, std: 3)) {
      try rgb.decode(pixels, format: .npy, pathExtension: "npy")
    }
    #expect(InputDecoder.Failure.preprocessingMismatch(channels: 3, mean: 1, std: 3).description.contains("--mean"))
  }

  /// `fuzz-pickle` timeout-00f89108: tens of thousands of EMPTY_LISTs under hundreds of
  /// MARKs. Each MARK region's removal copied the whole stack (the returned slice still
  /// shared its buffer), so the pickle took quadratic time: over 10 s for 97 KB under
  /// ASan. Here a million items under a thousand marks: about 10^9 copied items before
  /// the fix (minutes), linear now; the generous bound only catches a return of the hang.
  @Test func marksOverADeepStackTakeLinearTime() throws {
    var pickle: [UInt8] = [0x80, 0x02]  // PROTO 2
    pickle += [UInt8](repeating: 0x5D, count: 1_000_000)  // EMPTY_LIST
    for _ in 0..<1000 { pickle += [0x28, 0x74, 0x30] }  // MARK, TUPLE, POP
    pickle.append(0x2E)  // STOP
    let clock = ContinuousClock()
    let start = clock.now
    let value = try Unpickler.unpickle(pickle, limits: CheckpointLimits()) { _ throws(CheckpointError) in [] }
    #expect(clock.now - start < .seconds(30))
    guard case .list(let items) = value else {
      Issue.record("the top of the stack is the last empty list, got \(value)")
      return
    }
    #expect(items.isEmpty)
  }
}
