import Foundation
import Testing

@testable import SlimCompiler

/// KL (entropy) calibration on distributions whose right threshold is known.
@Suite struct EntropyCalibrationTests {
  /// `count` standard normal samples (Box–Muller on a fixed linear congruential generator).
  static func gaussian(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    return (0..<count).map { _ in Float((-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform())) }
  }

  static func calibrate(_ values: [Float]) -> ClosedRange<Double> {
    let low = Double(values.min()!), high = Double(values.max()!)
    var histogram = Histogram(range: low...high, binCount: Calibrator.binCount, magnitude: true)
    histogram.add(values)
    return histogram.entropyRange()
  }

  /// Standard normal plus 10 outliers at ±60: the outliers must be clipped away, and the
  /// threshold must land where int8 entropy calibration puts a Gaussian's (about 3–5 σ;
  /// clipping at 2 σ would cut 5% of the mass, keeping 60 would waste 90% of the levels).
  @Test func gaussianWithFarOutliersIsClippedNearItsBulk() {
    var values = Self.gaussian(200_000, seed: 1)
    values += [60, -60, 59, -58, 60, 57, -60, 58, 60, -59]
    let range = Self.calibrate(values)
    #expect(range.upperBound > 2.5 && range.upperBound < 6, "threshold \(range.upperBound)")
    #expect(range.lowerBound == -range.upperBound)
  }

  /// A uniform distribution has nothing to clip: the threshold is (nearly) its maximum.
  @Test func uniformIsNotClipped() {
    let values = (0..<100_000).map { Float($0 % 1000) / 1000 + 0.0005 }
    let range = Self.calibrate(values)
    #expect(range.upperBound > 0.97, "threshold \(range.upperBound)")
    #expect(range.lowerBound == Double(values.min()!))
  }

  /// A ReLU output, half exact zeros: the zeros must not drag the threshold to 128 bins
  /// (1/16 of the maximum), which made KL agree with float32 on only 14–22% of images.
  @Test func reluZerosDoNotCollapseTheThreshold() {
    let values = Self.gaussian(200_000, seed: 2).map { max($0, 0) } + [40]
    let range = Self.calibrate(values)
    #expect(range.lowerBound == 0)
    #expect(range.upperBound > 2.5 && range.upperBound < 6, "threshold \(range.upperBound)")
  }

  @Test func smoothingFillsEmptyBinsAndKeepsTheTotal() {
    var d: [Double] = [4, 0, 2, 0, 2]
    #expect(Histogram.smooth(&d))
    #expect(d.allSatisfy { $0 > 0 })
    #expect(abs(d.reduce(0, +) - 1) < 1e-12)
    var empty: [Double] = [0, 0]
    #expect(!Histogram.smooth(&empty))
  }
}
