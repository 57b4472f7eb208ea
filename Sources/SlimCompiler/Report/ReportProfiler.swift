import SlimRuntime

/// Measures load time, whole-run latency and per-operator latency of a
/// `.slim` model on this machine, through `SlimSession.runStep(_:)` so that
/// the runtime itself carries no profiling code.
public struct ReportProfiler: Sendable {
  public var warmupRuns = 3
  public var timedRuns = 30
  public var timedLoads = 5
  /// Threads of the measured session (`SlimSession(model:threads:)`).
  public var threads = 1

  public init() {}

  /// Total units of work `measure` reports through `progress` (loads + runs).
  public var workCount: Int { timedLoads + warmupRuns + 2 * timedRuns }

  /// Times `model` (loaded from `path`) and writes the medians into `report`.
  ///
  /// Per-operator runs and whole runs are separate passes, so the clock
  /// reads between steps do not inflate the end-to-end number. The input is
  /// deterministic N(0, 1) noise (uniform bytes for a uint8 pixel input).
  /// `progress(done)` is called after each unit
  /// of `workCount`. Cost: `timedLoads` loads plus `warmupRuns + 2·timedRuns` runs.
  public func measure(
    _ report: inout ModelReport, model: SlimModel, path: String, progress: (Int) -> Void = { _ in }
  ) throws(SlimError) {
    let clock = ContinuousClock()
    var done = 0
    func tick() {
      done += 1
      progress(done)
    }
    var loads: [Double] = []
    for _ in 0..<timedLoads {
      let start = clock.now
      _ = try SlimModel(contentsOfFile: path)
      loads.append(Self.milliseconds(clock.now - start))
      tick()
    }

    let session = try SlimSession(model: model, threads: threads)
    let pixelInputs = model.inputs.map { $0.dtype == .uint8 }
    func fillInputs() {
      for index in model.inputIndices.indices {
        if pixelInputs[index] {
          let bytes = session.inputBytes(index)
          ProbeInput.pixels(count: bytes.count, seed: UInt64(index + 1)).withUnsafeBytes { bytes.copyMemory(from: $0) }
          continue
        }
        let buffer = session.inputBuffer(index)
        for (i, value) in ProbeInput.normal(count: buffer.count, seed: UInt64(index + 1)).enumerated() {
          buffer[i] = value
        }
      }
    }
    fillInputs()
    for _ in 0..<warmupRuns {
      session.run()
      tick()
    }
    var steps = [[Double]](repeating: [], count: session.stepCount)
    for _ in 0..<timedRuns {
      fillInputs()  // the arena is reused, so inputs do not survive a run
      for step in 0..<session.stepCount {
        let start = clock.now
        session.runStep(step)
        steps[step].append(Self.milliseconds(clock.now - start) * 1000)
      }
      tick()
    }
    var runs: [Double] = []
    for _ in 0..<timedRuns {
      fillInputs()
      let start = clock.now
      session.run()
      runs.append(Self.milliseconds(clock.now - start))
      tick()
    }

    for (index, samples) in steps.enumerated() { report.layers[index].latencyMicroseconds = Self.median(samples) }
    report.totals.loadMilliseconds = Self.median(loads)
    report.totals.latencyMilliseconds = Self.median(runs)
    report.measurement = ReportMeasurement(
      warmupRuns: warmupRuns, timedRuns: timedRuns, timedLoads: timedLoads, threads: threads,
      input: pixelInputs.contains(true) ? "uniform uint8 pixels (ProbeInput)" : "N(0, 1) noise (ProbeInput)",
      clock: "ContinuousClock")
  }

  static func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
  }

  /// The median (mean of the two middle values for an even count). Precondition: not empty.
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
