/// What a criterion decided: which channels each tied group keeps, and which
/// channels each selection keeps, plus what to tell the user.
public struct ChannelMasks: Sendable {
  /// Keep mask per `ChannelGroups` group, for groups that are narrowed.
  public var groupKeep: [Int: [Bool]] = [:]
  /// Keep mask over the input channels of a `selectChannels` node (by node index).
  public var selectionKeep: [Int: [Bool]] = [:]
  /// One line per layer the criterion looked at, in graph order.
  public var layers: [Decision] = []
  /// The global threshold (slimming), for the report.
  public var threshold: Float?
  /// Set by `Compensation` when it ran.
  public var compensation: CompensationReport?

  public init() {}

  /// What happened to one layer.
  public struct Decision: Sendable, Equatable {
    public enum Kind: String, Sendable { case narrowed, selection, fixed }
    public var name: String
    public var kind: Kind
    public var before: Int
    public var after: Int
    /// The criterion wanted fewer than `--min-channels`; the best channels were kept.
    public var hitFloor: Bool
    /// Why a layer was left alone (`fixed`).
    public var note: String?
  }

  /// Keeps at least `minimum` of the `eligible` channels: the criterion's `keep`,
  /// topped up with the highest-scoring eligible channels (lowest index on ties).
  /// Returns the mask and whether the floor was needed. Cost: O(C log C).
  static func floor(_ keep: [Bool], scores: [Float], eligible: [Bool], minimum: Int) -> ([Bool], Bool) {
    var keep = zip(keep, eligible).map { $0 && $1 }
    let available = eligible.filter { $0 }.count
    let target = min(minimum, available)
    guard keep.filter({ $0 }).count < target else { return (keep, false) }
    let order = keep.indices.filter { eligible[$0] && !keep[$0] }.sorted {
      scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1
    }
    for c in order where keep.filter({ $0 }).count < target { keep[c] = true }
    return (keep, true)
  }
}
