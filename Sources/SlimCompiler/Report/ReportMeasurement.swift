/// How the latencies of a report were measured.
public struct ReportMeasurement: Codable, Sendable, Equatable {
  /// Untimed runs before timing (caches, page faults of the mapped weights).
  public var warmupRuns: Int
  /// Timed runs; latencies are their medians.
  public var timedRuns: Int
  /// Timed loads of the file; `loadMilliseconds` is their median.
  public var timedLoads: Int
  /// Threads of the measured session; steps that split run on all of them.
  public var threads: Int
  /// What the input held (latency barely depends on it, ReLU aside).
  public var input: String
  /// The clock used.
  public var clock: String
}
