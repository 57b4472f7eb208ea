/// What validation learned about an operator: the kernel to run and its
/// sizes, without pointers. A session turns it into an `ExecutionStep`.
enum OperatorGeometry: Equatable, Sendable {
  case conv2d(Conv2D.Geometry)
  case linear(inFeatures: Int, outFeatures: Int)
  case pool2d(Pool2D.Geometry)
  case globalAvgPool(channels: Int, spatial: Int)
  /// add and mul.
  case elementwise(Elementwise.Geometry)
  case concat(outerCount: Int, innerSizes: [Int])
  /// Reshape and standalone activation: copy (unless aliased) and activate.
  case unary(count: Int)
  /// An int8 operator (opcodes 20...33).
  case int8(Int8Geometry)
  /// Output channel k copies input channel `indexes[k]`, `spatial` floats each.
  case gatherChannels(spatial: Int, indexes: [Int])
  /// Zero padding of H and W.
  case pad(Pad2D.Geometry)
  case upsampleNearest(UpsampleNearest.Geometry)
}
