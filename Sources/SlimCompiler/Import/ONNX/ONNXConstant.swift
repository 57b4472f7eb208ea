/// A tensor whose value is known while importing: an initializer, a `Constant` node,
/// a bound input, or the folded result of shape arithmetic.
///
/// Integer data stays `Int64` so shape arithmetic is exact; float data is kept as
/// `Float` (what the runtime computes in). Weights become `Tensor`s through `tensor`.
public struct ONNXConstant: Sendable, Equatable {
  public enum Elements: Sendable, Equatable {
    case floats([Float])
    case integers([Int64])
  }

  public var shape: [Int]
  public var elements: Elements

  /// Precondition: the element count equals the product of `shape`.
  public init(shape: [Int], elements: Elements) {
    precondition(shape.reduce(1, *) == elements.count, "shape \(shape) does not match its elements")
    self.shape = shape
    self.elements = elements
  }

  public var count: Int { elements.count }

  /// The values as floats (integers converted).
  public var floats: [Float] {
    switch elements {
    case .floats(let values): return values
    case .integers(let values): return values.map { Float($0) }
    }
  }

  /// The values as integers, or nil for float data that is not integral.
  public var integers: [Int64]? {
    switch elements {
    case .integers(let values): return values
    case .floats(let values):
      guard values.allSatisfy({ $0.isFinite && $0.rounded() == $0 && abs($0) < 1e15 }) else { return nil }
      return values.map { Int64($0) }
    }
  }

  /// The constant as a float `Tensor` of the given shape (default: its own).
  /// Precondition: `shape` has the same element count.
  public func tensor(shape: [Int]? = nil) -> Tensor {
    Tensor(shape: shape ?? self.shape, scalars: floats)
  }
}

extension ONNXConstant.Elements {
  var count: Int {
    switch self {
    case .floats(let values): return values.count
    case .integers(let values): return values.count
    }
  }
}
