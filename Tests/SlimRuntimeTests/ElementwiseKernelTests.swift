import Testing

@testable import SlimRuntime

/// The add/sub/mul/div kernel against a naive Double evaluation with numpy broadcasting on
/// random shapes (same shape, per-channel `[1,C,1,1]` over `[1,C,H,W]`, and general
/// broadcasts of either operand), out of place and, when `a` has the output's shape, in place.
@Suite struct ElementwiseKernelTests {
  static let operations: [Elementwise.Operation] = [.add, .subtract, .multiply, .divide]

  /// Random operand shapes of rank 1...4 that broadcast: each axis of the output is kept,
  /// or made 1, in each operand; seeds 0..<8 force the same-shape and per-channel layouts.
  static func shapes(seed: Int, rng: inout SeededRandom) -> (a: [Int], b: [Int], out: [Int]) {
    let rank = Int.random(in: 1...4, using: &rng)
    var out = (0..<rank).map { _ in Int.random(in: 1...6, using: &rng) }
    if seed % 8 < 2 { return (out, out, out) }
    if seed % 8 < 4 {
      out = [1, Int.random(in: 1...5, using: &rng), Int.random(in: 2...5, using: &rng), 3]
      return (out, [1, out[1], 1, 1], out)
    }
    func thinned() -> [Int] {
      let kept = out.map { Bool.random(using: &rng) ? $0 : 1 }
      return Array(kept.dropFirst(Int.random(in: 0..<rank, using: &rng)))
    }
    return (thinned(), thinned(), out)
  }

  /// The flat index of output element `i` in an operand of shape `dims` (right-aligned).
  static func source(_ dims: [Int], _ out: [Int], _ i: Int) -> Int {
    let padded = Array(repeating: 1, count: out.count - dims.count) + dims
    var rest = i, index = 0, step = 1
    for axis in (0..<out.count).reversed() {
      let coordinate = rest % out[axis]
      rest /= out[axis]
      if padded[axis] != 1 { index += coordinate * step }
      step *= padded[axis]
    }
    return index
  }

  @Test(arguments: 0..<48)
  func kernelMatchesNaive(seed: Int) throws {
    var rng = SeededRandom(seed: UInt64(900 + seed))
    var (sa, sb, so) = Self.shapes(seed: seed, rng: &rng)
    let operation = Self.operations[seed % 4]
    // The broadcast shape of the two operands (an axis of extent 1 in both stays 1).
    so = Elementwise.Geometry.broadcastShape(sa, sb)!
    let g = try #require(Elementwise.Geometry.broadcasting(operation, a: sa, b: sb, output: so))
    if seed % 8 < 2 { #expect(g.layout == .same(count: so.reduce(1, *))) }
    if seed % 8 >= 2 && seed % 8 < 4 { #expect(g.layout == .perPlane(planes: so[1], planeSize: so[2] * so[3])) }
    let a = rng.floats(sa.reduce(1, *)).map { $0 * 1e3 }
    // Divisors kept away from 0 so the quotients are finite.
    let b = rng.floats(sb.reduce(1, *)).map { $0 < 0 ? $0 - 0.5 : $0 + 0.5 }
    let count = so.reduce(1, *)
    #expect(g.count == count)
    let expected = (0..<count).map { i -> Float in
      let x = Double(a[Self.source(sa, so, i)]), y = Double(b[Self.source(sb, so, i)])
      let v: Double =
        switch operation {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        }
      return Float(v < 0 ? 0 : v)  // ReLU
    }
    var y = [Float](repeating: .nan, count: count)
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        y.withUnsafeMutableBufferPointer {
          Elementwise.run(g, a: ap.baseAddress!, b: bp.baseAddress!, output: $0.baseAddress!, activation: .relu)
        }
      }
    }
    // One float32 operation on float32 operands: correctly rounded, so bit-identical.
    #expect(y == expected, "\(operation) \(sa) ∘ \(sb) → \(so)")
    guard sa == so else { return }
    var inPlace = a
    inPlace.withUnsafeMutableBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        Elementwise.run(
          g, a: UnsafePointer(ap.baseAddress!), b: bp.baseAddress!, output: ap.baseAddress!, activation: .relu)
      }
    }
    #expect(inPlace == y)
  }

  @Test func shapesThatDoNotBroadcastOrAnotherOutputHaveNoGeometry() {
    #expect(Elementwise.Geometry.broadcastShape([2, 3], [3, 3]) == nil)
    #expect(Elementwise.Geometry.broadcastShape([3, 1], [1, 4]) == [3, 4])
    #expect(Elementwise.Geometry.broadcasting(.add, a: [3, 1], b: [1, 4], output: [3, 1]) == nil)
    #expect(Elementwise.Geometry.broadcasting(.add, a: [3, 1], b: [1, 4], output: [1, 3, 4]) == nil)
    #expect(Elementwise.Geometry.broadcasting(.add, a: [2], b: [3], output: [3]) == nil)
  }
}

/// The pad kernel against a naive loop: the value around each plane, then the activation.
@Test(arguments: 0..<6)
func padKernelMatchesNaive(seed: Int) {
  var rng = SeededRandom(seed: UInt64(700 + seed))
  let c = Int.random(in: 1...3, using: &rng), h = Int.random(in: 1...5, using: &rng)
  let w = Int.random(in: 1...5, using: &rng)
  let (t, l, b, r) = (seed % 3, seed % 2, (seed + 1) % 3, seed % 4)
  let g = Pad2D.Geometry(
    channels: c, inHeight: h, inWidth: w, padTop: t, padLeft: l, outHeight: h + t + b, outWidth: w + l + r,
    value: seed % 2 == 0 ? 0 : 0.75)
  let x = rng.floats(c * h * w)
  var expected = [Float](repeating: g.value, count: c * g.outHeight * g.outWidth)
  for k in 0..<c {
    for y in 0..<h {
      for i in 0..<w {
        let value: Float = x[(k * h + y) * w + i]
        expected[(k * g.outHeight + y + t) * g.outWidth + i + l] = value < 0 ? 0 : value
      }
    }
  }
  var out = [Float](repeating: .nan, count: expected.count)
  x.withUnsafeBufferPointer { xp in
    out.withUnsafeMutableBufferPointer {
      Pad2D.run(g, input: xp.baseAddress!, output: $0.baseAddress!, activation: .relu)
    }
  }
  #expect(out == expected)
}

/// The nearest upsampling kernel against its definition: output (c, y, x) = input (c, y / sh, x / sw).
@Test(arguments: 0..<4)
func upsampleKernelMatchesDefinition(seed: Int) {
  var rng = SeededRandom(seed: UInt64(800 + seed))
  let g = UpsampleNearest.Geometry(
    channels: 1 + seed % 3, inHeight: 1 + seed, inWidth: 2 + seed % 2, scaleH: 1 + seed % 2, scaleW: 1 + seed % 3)
  let x = rng.floats(g.channels * g.inHeight * g.inWidth)
  let oh = g.inHeight * g.scaleH, ow = g.inWidth * g.scaleW
  var expected: [Float] = []
  for c in 0..<g.channels {
    for y in 0..<oh {
      for i in 0..<ow {
        let v = x[(c * g.inHeight + y / g.scaleH) * g.inWidth + i / g.scaleW]
        expected.append(v < 0 ? 0 : v)
      }
    }
  }
  var out = [Float](repeating: .nan, count: expected.count)
  x.withUnsafeBufferPointer { xp in
    out.withUnsafeMutableBufferPointer {
      UpsampleNearest.run(g, input: xp.baseAddress!, output: $0.baseAddress!, activation: .relu)
    }
  }
  #expect(out == expected)
}
