/// Element-wise add, sub, mul and div of two float32 tensors (opcodes 6, 11, 12, 13)
/// with numpy broadcasting, then the fused activation.
enum Elementwise {
  enum Operation: Equatable, Sendable {
    case add, subtract, multiply, divide
  }

  /// How the operands map onto the output, proved by validation.
  enum Layout: Equatable, Sendable {
    /// Both operands have the output's `count` elements.
    case same(count: Int)
    /// `a` has the output's shape and `b` one value per plane of `planeSize` floats
    /// (`[1,C,1,1]` over `[1,C,H,W]`: a squeeze-excitation gate).
    case perPlane(planes: Int, planeSize: Int)
    /// Any other broadcast: the output's extents and each operand's element strides
    /// (0 on a repeated axis), 4 entries each, outermost first.
    case general(extents: [Int], aStrides: [Int], bStrides: [Int])
  }

  struct Geometry: Equatable, Sendable {
    var operation: Operation
    var layout: Layout

    /// Output elements.
    var count: Int {
      switch layout {
      case .same(let count): return count
      case .perPlane(let planes, let planeSize): return planes * planeSize
      case .general(let extents, _, _): return extents[0] * extents[1] * extents[2] * extents[3]
      }
    }
  }

  /// `output = act(a ∘ b)`. `output` may equal `a` when `a` has the output's shape (in
  /// place); it must not otherwise overlap the inputs. Cost: O(output elements).
  static func run(
    _ g: Geometry, a: UnsafePointer<Float>, b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    switch g.operation {
    case .add: combine(g.layout, a, b, output, +)
    case .subtract: combine(g.layout, a, b, output, -)
    case .multiply: combine(g.layout, a, b, output, *)
    case .divide: combine(g.layout, a, b, output, /)
    }
    Activation.apply(activation, inPlace: output, count: g.count)
  }

  /// The loop nests every operation shares; inlined so each gets its own.
  @inline(__always)
  private static func combine(
    _ layout: Layout, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
    _ f: (Float, Float) -> Float
  ) {
    switch layout {
    case .same(let count):
      for i in 0..<count { output[i] = f(a[i], b[i]) }
    case .perPlane(let planes, let planeSize):
      for p in 0..<planes {
        let base = p * planeSize
        let value = b[p]
        for i in base..<base + planeSize { output[i] = f(a[i], value) }
      }
    case .general(let e, let sa, let sb):
      var o = 0
      for i0 in 0..<e[0] {
        for i1 in 0..<e[1] {
          for i2 in 0..<e[2] {
            var ia = i0 * sa[0] + i1 * sa[1] + i2 * sa[2]
            var ib = i0 * sb[0] + i1 * sb[1] + i2 * sb[2]
            for _ in 0..<e[3] {
              output[o] = f(a[ia], b[ib])
              o += 1
              ia += sa[3]
              ib += sb[3]
            }
          }
        }
      }
    }
  }
}
