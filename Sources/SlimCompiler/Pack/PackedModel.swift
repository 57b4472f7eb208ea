import SlimRuntime

/// A lowered, memory-planned model ready to be written as `.slim`: the
/// interface between graph lowering/planning and `SlimWriter`.
///
/// Tensor and operator indices are positions in `tensors` and `operators`;
/// operators are in execution order. Activations carry the arena offset the
/// planner chose (a multiple of 64); constants carry their float32 data.
public struct PackedModel: Sendable {
  public struct TensorEntry: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
      case activation(arenaOffset: Int)
      case constant([Float])
      /// Constant data already encoded little-endian in the tensor's `dtype` (int8, int32).
      case constantBytes([UInt8])
    }

    public var shape: [Int]
    public var storage: Storage
    public var dtype: SlimDType

    public init(shape: [Int], storage: Storage, dtype: SlimDType = .float32) {
      self.shape = shape
      self.storage = storage
      self.dtype = dtype
    }

    /// Bytes of the tensor's data.
    public var byteSize: Int { shape.reduce(dtype.size, *) }
  }

  public struct OperatorEntry: Sendable, Equatable {
    public var opcode: SlimOpcode
    public var activation: SlimActivation
    public var inputs: [Int]
    public var outputs: [Int]
    /// Parameters in the order the spec lists for `opcode`.
    public var params: [Int32]

    public init(
      opcode: SlimOpcode, activation: SlimActivation = .none, inputs: [Int], outputs: [Int], params: [Int32] = []
    ) {
      self.opcode = opcode
      self.activation = activation
      self.inputs = inputs
      self.outputs = outputs
      self.params = params
    }
  }

  public enum MetadataValue: Sendable, Equatable {
    case string(String)
    case floats([Float])
    case ints([Int64])
  }

  public var tensors: [TensorEntry]
  public var operators: [OperatorEntry]
  public var inputs: [Int]
  public var outputs: [Int]
  /// Bytes of activation memory; every activation must fit below it.
  public var arenaSize: Int
  public var metadata: [(key: String, value: MetadataValue)]

  public init(
    tensors: [TensorEntry], operators: [OperatorEntry], inputs: [Int], outputs: [Int], arenaSize: Int,
    metadata: [(key: String, value: MetadataValue)] = []
  ) {
    self.tensors = tensors
    self.operators = operators
    self.inputs = inputs
    self.outputs = outputs
    self.arenaSize = arenaSize
    self.metadata = metadata
  }
}
