import Foundation
import Testing

@testable import SlimRuntime

/// Every activation kernel against a Double evaluation of its definition, on random
/// values and on the extremes (±0, ±FLT_MAX, ±∞, the points where e^x under- and
/// overflows in float32), element by element.
@Suite struct ActivationKernelTests {
  /// The definitions, written independently of the kernels.
  static func reference(_ kind: SlimActivation, _ x: Double) -> Double {
    func clamp(_ v: Double, _ low: Double, _ high: Double) -> Double { v < low ? low : (v > high ? high : v) }
    switch kind {
    case .none: return x
    case .relu: return x < 0 ? 0 : x
    case .relu6: return clamp(x, 0, 6)
    case .leakyRelu(let alpha): return x < 0 ? Double(alpha) * x : x
    case .sigmoid: return 1 / (1 + Foundation.exp(-x))
    case .hardSigmoid(let alpha, let beta): return clamp(Double(alpha) * x + Double(beta), 0, 1)
    case .hardSwish: return x * clamp(x / 6 + 0.5, 0, 1)
    case .clip(let low, let high): return clamp(x, Double(low), Double(high))
    }
  }

  static let kinds: [SlimActivation] = [
    .none, .relu, .relu6, .leakyRelu(alpha: 0.01), .leakyRelu(alpha: -1.5), .sigmoid,
    .hardSigmoid(alpha: 0.2, beta: 0.5), .hardSigmoid(alpha: -3, beta: 0.25), .hardSwish,
    .clip(min: -0.75, max: 2.5), .clip(min: -.infinity, max: -1), .clip(min: 1, max: .infinity), .clip(min: 3, max: 3),
  ]

  static let extremes: [Float] = [
    0, -0.0, 1e-30, -1e-30, 1, -1, 3, -3, 6, -6, 17, -17, 87.3, -87.3, 88.7, -88.7, 89, -89, 100, -100, 103.9,
    -103.9, 104, -104, 1e30, -1e30, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity,
  ]

  /// Random values on several scales, then the extremes; a count that is not a
  /// multiple of any vector width.
  static func inputs(seed: UInt64) -> [Float] {
    var rng = SeededRandom(seed: seed)
    let scales: [Float] = [1, 8, 120]
    return (0..<301).map { i in Float.random(in: -1...1, using: &rng) * scales[i % 3] } + extremes
  }

  /// `|y − r| ≤ 1e-4·|r|`, plus the spacing of float32 subnormals for results below the
  /// normal range (which float32 cannot hold more precisely); infinities must match.
  static func agrees(_ y: Float, _ r: Double) -> Bool {
    if r.isNaN { return y.isNaN }
    if Float(r).isInfinite || y.isInfinite { return y == Float(r) }
    return abs(Double(y) - r) <= 1e-4 * abs(r) + Double(Float.leastNonzeroMagnitude)
  }

  @Test(arguments: kinds.indices)
  func kernelMatchesDefinition(kind index: Int) {
    let kind = Self.kinds[index]
    let x = Self.inputs(seed: UInt64(700 + index))
    var y = [Float](repeating: .nan, count: x.count)
    x.withUnsafeBufferPointer { xp in
      y.withUnsafeMutableBufferPointer {
        Activation.apply(kind, input: xp.baseAddress!, output: $0.baseAddress!, count: x.count)
      }
    }
    for (xi, yi) in zip(x, y) {
      let r = Self.reference(kind, Double(xi))
      #expect(Self.agrees(yi, r), "\(kind)(\(xi)) = \(yi), expected \(r)")
    }
    // In place gives the same values.
    var z = x
    z.withUnsafeMutableBufferPointer { Activation.apply(kind, inPlace: $0.baseAddress!, count: x.count) }
    #expect(z.elementsEqual(y) { $0 == $1 || ($0.isNaN && $1.isNaN) })
  }

  @Test(arguments: kinds.indices)
  func nanPropagates(kind index: Int) {
    var v: [Float] = [.nan]
    v.withUnsafeMutableBufferPointer { Activation.apply(Self.kinds[index], inPlace: $0.baseAddress!, count: 1) }
    #expect(v[0].isNaN)
  }

  /// Sigmoid keeps full relative precision in both tails (no `1 − s` cancellation, no
  /// overflow of e^−x), across the whole float32 range.
  @Test func sigmoidIsRelativelyAccurateEverywhere() {
    var x: [Float] = []
    var v: Float = -104
    while v <= 104 {
      x.append(v)
      v += 0.0625
    }
    var y = [Float](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { xp in
      y.withUnsafeMutableBufferPointer {
        Activation.apply(.sigmoid, input: xp.baseAddress!, output: $0.baseAddress!, count: x.count)
      }
    }
    for (xi, yi) in zip(x, y) {
      let r = 1 / (1 + Foundation.exp(-Double(xi)))
      #expect(Self.agrees(yi, r), "sigmoid(\(xi)) = \(yi), expected \(r)")
    }
  }

  /// The standard-library exponential: within a few ulps of libm's where the result
  /// is a normal float, overflow to +∞ and underflow to 0 at float32's limits.
  @Test func exponentialMatchesLibm() {
    var rng = SeededRandom(seed: 77)
    let x = (0..<4000).map { _ in Float.random(in: -87.3...88.7, using: &rng) } + [0, -0.0, 1, -1, 88.72, -87.33]
    for xi in x {
      let r = Foundation.exp(Double(xi))
      let e = Exponential.exp(xi)
      #expect(abs(Double(e) - r) <= 4 * Double(Float.ulpOfOne) * r, "exp(\(xi)) = \(e), expected \(r)")
    }
    #expect(Exponential.exp(89) == .infinity)
    #expect(Exponential.exp(.infinity) == .infinity)
    #expect(Exponential.exp(-.infinity) == 0)
    #expect(Exponential.exp(-200) == 0)
    #expect(Exponential.exp(.nan).isNaN)
    // A subnormal result: e^−100 ≈ 3.72e−44, to the subnormal spacing.
    #expect(abs(Double(Exponential.exp(-100)) - Foundation.exp(-100.0)) <= Double(Float.leastNonzeroMagnitude))
  }
}
