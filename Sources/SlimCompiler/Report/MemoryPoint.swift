/// Activation memory while one execution step runs.
///
/// A tensor is live from the step that writes it (step 0 for graph inputs)
/// through the last step that reads it (the last step for graph outputs).
public struct MemoryPoint: Codable, Sendable, Equatable {
  public var step: Int
  /// Sum of the sizes of the live activations.
  public var liveBytes: Int
  /// Highest arena byte in use by a live activation (offset + size): what the
  /// offline plan actually needs at this step, fragmentation included.
  public var arenaHighWaterBytes: Int
}
