/// A dense, row-major float tensor as the offline tools see it.
///
/// Every importer converts what it reads (f16, bf16, f64, i64 ...) into this
/// one representation, so passes and the reference engine handle a single
/// element type. `sourceDType` remembers what the file held, for reports and
/// for writing checkpoints back in their original types.
public struct Tensor: Sendable, Equatable {
  /// Element type a tensor had in the file it came from.
  public enum DType: String, Sendable, Equatable {
    case float32, float16, bfloat16, float64, int64, int32, int16, int8, uint8, bool
  }

  public var shape: [Int]
  public var scalars: [Float]
  public var sourceDType: DType

  /// Creates a tensor. Precondition: `scalars.count` equals the product of `shape`.
  public init(shape: [Int], scalars: [Float], sourceDType: DType = .float32) {
    precondition(shape.reduce(1, *) == scalars.count, "shape \(shape) does not match \(scalars.count) scalars")
    self.shape = shape
    self.scalars = scalars
    self.sourceDType = sourceDType
  }

  /// A tensor of zeros.
  public init(zeros shape: [Int]) {
    self.init(shape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
  }

  public var count: Int { scalars.count }
  public var rank: Int { shape.count }
}
