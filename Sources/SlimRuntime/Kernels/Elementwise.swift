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
  /// place); it must not otherwise overlap the inputs. A clamp activation (ReLU, ReLU6,
  /// clip) is applied in the same pass, the others after it. Cost: O(output elements).
  static func run(
    _ g: Geometry, a: UnsafePointer<Float>, b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    let bounds = Activation.clampBounds(activation) ?? (-.infinity, .infinity)
    switch g.operation {
    case .add: combine(g.layout, a, b, output, bounds, { $0 + $1 }, { $0 + $1 })
    case .subtract: combine(g.layout, a, b, output, bounds, { $0 - $1 }, { $0 - $1 })
    case .multiply: combine(g.layout, a, b, output, bounds, { $0 * $1 }, { $0 * $1 })
    case .divide: combine(g.layout, a, b, output, bounds, { $0 / $1 }, { $0 / $1 })
    }
    if Activation.clampBounds(activation) == nil { Activation.apply(activation, inPlace: output, count: g.count) }
  }

  typealias Vector = SIMD8<Float>

  /// The loop nests every operation shares; inlined so each gets its own. `f` and
  /// `vf` are the same operation on one value and on a vector's lanes (IEEE lane by
  /// lane, so the results are equal); the contiguous layouts are written in vectors
  /// because LLVM leaves the scalar loop scalar when it runs in place.
  @inline(__always)
  private static func combine(
    _ layout: Layout, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
    _ bounds: (lower: Float, upper: Float), _ f: (Float, Float) -> Float, _ vf: (Vector, Vector) -> Vector
  ) {
    @inline(__always) func scalar(_ x: Float, _ y: Float) -> Float {
      Activation.clamp(f(x, y), bounds.lower, bounds.upper)
    }
    @inline(__always) func vector(_ x: UnsafePointer<Float>, _ y: Vector) -> Vector {
      Activation.clamp(vf(UnsafeRawPointer(x).loadUnaligned(as: Vector.self), y), bounds)
    }
    switch layout {
    case .same(let count):
      var i = 0
      while i &+ Vector.scalarCount <= count {
        let y = UnsafeRawPointer(b + i).loadUnaligned(as: Vector.self)
        UnsafeMutableRawPointer(output + i).storeBytes(of: vector(a + i, y), as: Vector.self)
        i &+= Vector.scalarCount
      }
      while i < count {
        output[i] = scalar(a[i], b[i])
        i &+= 1
      }
    case .perPlane(let planes, let planeSize):
      for p in 0..<planes {
        let base = p * planeSize
        let value = b[p]
        let y = Vector(repeating: value)
        var i = base
        while i &+ Vector.scalarCount <= base &+ planeSize {
          UnsafeMutableRawPointer(output + i).storeBytes(of: vector(a + i, y), as: Vector.self)
          i &+= Vector.scalarCount
        }
        while i < base &+ planeSize {
          output[i] = scalar(a[i], value)
          i &+= 1
        }
      }
    case .general(let e, let sa, let sb):
      var o = 0
      for i0 in 0..<e[0] {
        for i1 in 0..<e[1] {
          for i2 in 0..<e[2] {
            var ia = i0 * sa[0] + i1 * sa[1] + i2 * sa[2]
            var ib = i0 * sb[0] + i1 * sb[1] + i2 * sb[2]
            for _ in 0..<e[3] {
              output[o] = scalar(a[ia], b[ib])
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
