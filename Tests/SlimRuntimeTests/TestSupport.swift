/// Deterministic random numbers (SplitMix64), so failures reproduce.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func floats(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -1...1, using: &self) } }
}

/// Largest |actual − expected| relative to max(1, max |expected|); float
/// accumulation of these small sums stays far below 1e-5 of that scale.
func maxRelativeError(_ actual: [Float], _ expected: [Double]) -> Double {
  precondition(actual.count == expected.count, "size \(actual.count) vs \(expected.count)")
  let scale = max(1, expected.map(abs).max() ?? 0)
  return zip(actual, expected).map { abs(Double($0) - $1) }.max().map { $0 / scale } ?? 0
}

func relu6(_ x: Double) -> Double { min(max(x, 0), 6) }
