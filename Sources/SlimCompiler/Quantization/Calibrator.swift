/// Runs the float reference engine over calibration inputs and picks, for every
/// value of the graph, the real range its int8 version will cover.
public enum Calibrator {
  /// Bins of the histograms behind `percentile` and `kl`.
  static let binCount = 2048

  /// The range of each value of `graph` (by value id). `minmax` needs one pass over the
  /// inputs, `percentile` and `kl` two (ranges, then histograms); those two never clip
  /// the graph's outputs. `progress(done, total)`
  /// is called after each reference run. Cost: passes × inputs × one reference run.
  public static func ranges(
    of graph: Graph, inputs: [[Float]], method: CalibrationMethod,
    progress: ((Int, Int) -> Void)? = nil
  ) throws(ReferenceError) -> [ClosedRange<Double>] {
    let shape = graph.values[graph.inputs[0]].shape
    let passes = method == .minmax ? 1 : 2
    var done = 0
    func each(_ body: ([Tensor?]) -> Void) throws(ReferenceError) {
      for input in inputs {
        body(try ReferenceEngine.evaluate(graph, inputs: [Tensor(shape: shape, scalars: input)]))
        done += 1
        progress?(done, passes * inputs.count)
      }
    }
    var low = [Double](repeating: .infinity, count: graph.values.count)
    var high = [Double](repeating: -.infinity, count: graph.values.count)
    try each { values in
      for (id, value) in values.enumerated() {
        guard let value else { continue }
        for x in value.scalars where x.isFinite {
          low[id] = min(low[id], Double(x))
          high[id] = max(high[id], Double(x))
        }
      }
    }
    let observed = graph.values.indices.map { low[$0] <= high[$0] ? low[$0]...high[$0] : 0...0 }
    guard method != .minmax else { return observed }

    var histograms = observed.map { Histogram(range: $0, binCount: binCount, magnitude: method == .kl) }
    try each { values in
      for (id, value) in values.enumerated() {
        guard let value else { continue }
        histograms[id].add(value.scalars)
      }
    }
    var clipped = histograms.map { method == .kl ? $0.entropyRange() : $0.percentileRange(0.0001) }
    // The graph's outputs (logits) are what users read and rank: clipping them would turn
    // the largest scores into ties, so they keep their observed range.
    for id in graph.outputs { clipped[id] = observed[id] }
    return clipped
  }
}
