/// One operator of a `.slim` model as a report row.
public struct ReportLayer: Codable, Sendable, Equatable {
  /// Position in execution order.
  public var index: Int
  /// The opcode's name (`conv2d`, `linear`, `maxPool2d` ...).
  public var op: String
  /// What the operator does beyond its opcode: `bias`, the fused activation,
  /// and, with a checkpoint baseline, `batchNorm` when a batch norm was folded in.
  public var fused: [String]
  public var inputShapes: [[Int]]
  public var outputShape: [Int]
  /// Output channels (conv) or features (linear) before and after, with a baseline.
  public var channels: ChannelChange?
  /// Elements of the operator's constant inputs (weights and biases as stored).
  public var parameters: Int
  /// Multiply-accumulates for one batch-1 inference; 0 for operators without a
  /// weight (pooling, add, reshape: their cost is in `latencyMicroseconds`).
  public var macs: Int
  /// Bytes of the operator's constants after decoding.
  public var weightBytes: Int
  /// Share of the stored (possibly compressed) `WGHT` section, attributed in
  /// proportion to `weightBytes`: zlib compresses the section as one stream, so
  /// per-tensor compressed sizes do not exist.
  public var weightBytesStored: Int
  /// Element type of the operator's weights and output.
  public var dtype: String
  /// Where the output lives in the arena.
  public var arenaOffset: Int
  public var arenaBytes: Int
  /// Median time of this operator alone, with `--measure`.
  public var latencyMicroseconds: Double?
  /// Name of the matching layer in the baseline, when there is one.
  public var baselineLayer: String?
}
