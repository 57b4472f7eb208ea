/// A graph after post-training quantization: the int8 reference engine interprets
/// it and `QuantizedLowering` packs it. Values are float32 or int8 with their
/// quantization; nodes are in execution order, one output each.
public struct QuantizedGraph: Sendable {
  public typealias ValueID = Int

  /// How a value is stored.
  public enum Representation: Sendable, Equatable {
    case float32
    case int8(QuantizationParameters)
    /// uint8 pixels, `[1, H, W, C]` (HWC): the graph input of a pixel-input model.
    case uint8
  }

  public struct Value: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var representation: Representation
    /// The float graph's value this one computes (for per-layer error reports), if any.
    public var source: Graph.ValueID?
  }

  public struct Node: Sendable {
    public var name: String
    public var operation: QuantizedOperation
    public var inputs: [ValueID]
    public var output: ValueID
  }

  public var values: [Value] = []
  public var nodes: [Node] = []
  public var inputs: [ValueID] = []
  public var outputs: [ValueID] = []

  /// Quantization of value `id`, or nil when it is float32.
  public func parameters(of id: ValueID) -> QuantizationParameters? {
    if case .int8(let p) = values[id].representation { return p }
    return nil
  }

  mutating func addValue(
    name: String, shape: [Int], representation: Representation, source: Graph.ValueID?
  ) -> ValueID {
    values.append(Value(name: name, shape: shape, representation: representation, source: source))
    return values.count - 1
  }
}
