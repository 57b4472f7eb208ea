import Testing

@testable import SlimRuntime

/// The add/mul kernel against a naive Double evaluation on random shapes, same-shape and
/// per-channel (`[1,C,1,1]` over `[1,C,H,W]`), out of place and in place.
@Suite struct ElementwiseKernelTests {
  @Test(arguments: 0..<12)
  func kernelMatchesNaive(seed: Int) {
    var rng = SeededRandom(seed: UInt64(900 + seed))
    let planes = Int.random(in: 1...9, using: &rng), planeSize = Int.random(in: 1...37, using: &rng)
    let operation: Elementwise.Operation = seed % 2 == 0 ? .add : .multiply
    let perPlane = seed % 4 >= 2
    let a = rng.floats(planes * planeSize).map { $0 * 1e3 }
    let b = rng.floats(perPlane ? planes : planes * planeSize)
    let g = Elementwise.Geometry(operation: operation, planes: planes, planeSize: planeSize, perPlane: perPlane)
    let expected = a.indices.map { i -> Double in
      let bv = Double(b[perPlane ? i / planeSize : i])
      let v = operation == .add ? Double(a[i]) + bv : Double(a[i]) * bv
      return v < 0 ? 0 : v  // ReLU
    }
    var y = [Float](repeating: .nan, count: a.count)
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        y.withUnsafeMutableBufferPointer {
          Elementwise.run(g, a: ap.baseAddress!, b: bp.baseAddress!, output: $0.baseAddress!, activation: .relu)
        }
      }
    }
    for (v, r) in zip(y, expected) { #expect(abs(Double(v) - r) <= 1e-6 * abs(r)) }
    var inPlace = a
    inPlace.withUnsafeMutableBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        Elementwise.run(
          g, a: UnsafePointer(ap.baseAddress!), b: bp.baseAddress!, output: ap.baseAddress!, activation: .relu)
      }
    }
    #expect(inPlace == y)
  }
}
