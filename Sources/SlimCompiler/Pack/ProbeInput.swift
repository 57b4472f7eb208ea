import Foundation

/// Deterministic pseudo-random inputs for verification: standard normal values from
/// `SplitMix64` and Box–Muller, so every run of `slim-pack` checks the same probes.
public enum ProbeInput {
  /// `count` values drawn from N(0, 1) with the given seed.
  public static func normal(count: Int, seed: UInt64) -> [Float] {
    var generator = SplitMix64(seed: seed)
    func uniform() -> Double { (Double(generator.next() >> 11) + 0.5) / Double(1 << 53) }
    return (0..<count).map { _ in
      Float((-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()))
    }
  }
}
