/// Step-by-step execution, for profilers that time each operator themselves.
///
/// `run()` is untouched by this API, so profiling costs nothing when it is not
/// used: there is no flag to test and no callback to make. A profiler calls
/// `runStep(_:)` for `0..<stepCount` in order, reading its own clock between
/// calls; the result equals one `run()`.
extension SlimSession {
  /// Number of execution steps: one per operator, in `model.operators` order.
  public var stepCount: Int { steps.count }

  /// Runs operator `index` alone, split over the session's threads as `run()`
  /// would split it. No allocation, no checks.
  ///
  /// Precondition: `0 <= index < stepCount`, and steps `0..<index` of this
  /// pass have run since the inputs were written (a step reads what earlier
  /// steps wrote into the arena). Cost: that operator's kernel.
  public func runStep(_ index: Int) {
    execute(step: index)
  }
}
