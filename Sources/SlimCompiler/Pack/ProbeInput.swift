import Foundation

/// Deterministic pseudo-random inputs for verification: standard normal values from
/// `SplitMix64` and Box–Muller, so every run of `slim-pack` checks the same probes.
public enum ProbeInput {
  /// `count` uniformly random uint8 pixels with the given seed (for pixel-input models).
  public static func pixels(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next() >> 56) }
  }

  /// HWC pixels where pixel `s` of channel `c` is `(s + 85·c) mod 256`: with at least 256
  /// pixels per channel every channel sees every value, so a table lookup is exercised
  /// at each of its `channels × 256` entries (random pixels would miss some).
  public static func pixelSweep(spatial: Int, channels: Int) -> [UInt8] {
    (0..<spatial * channels).map { i in UInt8((i / channels + 85 * (i % channels)) % 256) }
  }

  /// `count` values drawn from N(0, 1) with the given seed.
  public static func normal(count: Int, seed: UInt64) -> [Float] {
    var generator = SplitMix64(seed: seed)
    func uniform() -> Double { (Double(generator.next() >> 11) + 0.5) / Double(1 << 53) }
    return (0..<count).map { _ in
      Float((-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()))
    }
  }
}
