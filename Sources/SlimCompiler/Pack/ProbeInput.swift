import Foundation

/// Deterministic pseudo-random inputs for verification: standard normal values from
/// SplitMix64 and Box–Muller, so every run of `slim-pack` checks the same probes.
public enum ProbeInput {
  /// `count` values drawn from N(0, 1) with the given seed.
  public static func normal(count: Int, seed: UInt64) -> [Float] {
    var state = seed
    func next() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      return (Double(z >> 11) + 0.5) / Double(1 << 53)
    }
    return (0..<count).map { _ in
      Float((-2 * log(next())).squareRoot() * cos(2 * Double.pi * next()))
    }
  }
}
