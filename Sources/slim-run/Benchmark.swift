import Foundation
import SlimCommandLine
import SlimCompiler
import SlimRuntime

/// `slim-run --bench`: load time, time to the first result, and the latency
/// distribution of batch-1 runs, plus the arena against its lower bound.
struct Benchmark {
  var modelPath: String
  var runs: Int
  var warmup: Int
  var threads: Int
  /// False for `--skip-weight-checksums`.
  var verifyingWeights = true

  /// Milliseconds elapsed while `body` runs.
  static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  }

  /// The value below which `fraction` of the sorted `values` lie (nearest rank).
  static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
  }

  /// Runs the benchmark on `input` (its first sample, or a fixed pseudo-random one
  /// when nil) and returns the report's lines.
  func run(input: ModelInput?) throws -> [String] {
    var model: SlimModel?
    let openMs = try Self.milliseconds {
      model = try SlimModel(contentsOfFile: modelPath, verifyingWeights: verifyingWeights)
    }
    var session: SlimSession?
    let sessionMs = try Self.milliseconds { session = try SlimSession(model: model!, threads: threads) }
    guard let model, let session else { return [] }
    if let input {
      try input.write(into: session)
    } else {
      // Deterministic values in [-1, 1) (bytes for a uint8 input): timing does not depend
      // on them, reproducibility does.
      var state: UInt32 = 12345
      let slot = session.inputBuffer(0), bytes = session.inputBytes(0)
      for i in slot.indices {
        state = state &* 1_664_525 &+ 1_013_904_223
        slot[i] = Float(state >> 8) / Float(1 << 23) - 1
      }
      if model.inputs[0].dtype == .uint8 {
        for i in bytes.indices {
          state = state &* 1_664_525 &+ 1_013_904_223
          bytes[i] = UInt8(truncatingIfNeeded: state >> 24)
        }
      }
    }
    let firstMs = Self.milliseconds { session.run() }
    for _ in 0..<warmup { session.run() }
    var times: [Double] = []
    times.reserveCapacity(runs)
    for _ in 0..<runs { times.append(Self.milliseconds { session.run() }) }
    times.sort()
    let peak = model.peakLiveBytes
    func ms(_ value: Double) -> String { String(format: "%.3f", value) }
    return [
      "model: \(modelPath)",
      "threads: \(threads)  runs: \(runs)  warm-up: \(warmup)"
        + "  weight checksums: \(verifyingWeights ? "verified" : "skipped")"
        + "  pre-packed weights: \(model.hasPackedWeights || model.hasInt8PackedWeights ? "yes" : "no")"
        + "  Winograd weights: \(model.hasWinogradWeights ? "yes" : "no")",
      "load ms: open+validate \(ms(openMs))  session \(ms(sessionMs))  first run \(ms(firstMs))"
        + "  open-to-first-result \(ms(openMs + sessionMs + firstMs))",
      "latency ms: median \(ms(Self.percentile(times, 0.5)))  min \(ms(times[0]))  p90 \(ms(Self.percentile(times, 0.9)))",
      "arena bytes: \(model.arenaSize)  peak live bytes: \(peak)  ratio: "
        + String(format: "%.3f", peak > 0 ? Double(model.arenaSize) / Double(peak) : 0),
    ]
  }
}
