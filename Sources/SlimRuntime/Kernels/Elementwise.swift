/// Element-wise addition and multiplication of two activations (opcodes 6 and 11),
/// with `b` either the same shape as `a` or one value per channel (`[1,C,1,1]` over
/// `[1,C,H,W]`: a squeeze-excitation gate), then the fused activation.
enum Elementwise {
  enum Operation: Equatable, Sendable {
    case add, multiply
  }

  /// Sizes proved by validation: `a` and the output hold `planes · planeSize`
  /// floats; `b` holds as many, or `planes` when `perPlane` (one value per plane).
  struct Geometry: Equatable, Sendable {
    var operation: Operation
    var planes: Int
    var planeSize: Int
    var perPlane: Bool
  }

  /// `output = act(a ∘ b)`. `output` may equal `a` (in place); it must not
  /// otherwise overlap the inputs. Cost: O(planes · planeSize).
  static func run(
    _ g: Geometry, a: UnsafePointer<Float>, b: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    activation: SlimActivation
  ) {
    switch g.operation {
    case .add: combine(g, a, b, output, +)
    case .multiply: combine(g, a, b, output, *)
    }
    Activation.apply(activation, inPlace: output, count: g.planes * g.planeSize)
  }

  /// The one loop nest both operations share; inlined so each gets its own.
  @inline(__always)
  private static func combine(
    _ g: Geometry, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
    _ f: (Float, Float) -> Float
  ) {
    if g.perPlane {
      for p in 0..<g.planes {
        let base = p * g.planeSize
        let value = b[p]
        for i in base..<base + g.planeSize { output[i] = f(a[i], value) }
      }
    } else {
      for i in 0..<g.planes * g.planeSize { output[i] = f(a[i], b[i]) }
    }
  }
}
