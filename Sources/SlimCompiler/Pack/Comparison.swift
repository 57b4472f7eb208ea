/// How far a computed output is from a reference output.
///
/// The relative difference is `max |a − r| / max |r|`: the largest error measured
/// against the output's own scale. This is the "relative 1e-4" of the project's
/// standard; it does not blow up on logits near zero as an element-wise ratio would.
public struct Comparison: Sendable, Equatable, CustomStringConvertible {
  public var maxAbsoluteDifference: Double
  public var relativeDifference: Double
  public var sameTop1: Bool

  public init(candidate: [Float], reference: [Float]) {
    precondition(candidate.count == reference.count, "outputs of different sizes")
    var maxDifference = 0.0
    var scale = 0.0
    for (a, r) in zip(candidate, reference) {
      maxDifference = max(maxDifference, abs(Double(a) - Double(r)))
      scale = max(scale, abs(Double(r)))
    }
    maxAbsoluteDifference = maxDifference
    relativeDifference = scale > 0 ? maxDifference / scale : maxDifference
    sameTop1 = Self.argmax(candidate) == Self.argmax(reference)
  }

  /// The worst of several comparisons.
  public static func worst(_ comparisons: [Comparison]) -> Comparison? {
    guard var worst = comparisons.first else { return nil }
    for c in comparisons.dropFirst() {
      worst.maxAbsoluteDifference = max(worst.maxAbsoluteDifference, c.maxAbsoluteDifference)
      worst.relativeDifference = max(worst.relativeDifference, c.relativeDifference)
      worst.sameTop1 = worst.sameTop1 && c.sameTop1
    }
    return worst
  }

  /// Index of the largest value (the first one on ties).
  public static func argmax(_ values: [Float]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
  }

  public func within(_ tolerance: Double) -> Bool { relativeDifference <= tolerance && sameTop1 }

  public var description: String {
    "max |difference| \(maxAbsoluteDifference), relative \(relativeDifference), top-1 \(sameTop1 ? "same" : "DIFFERENT")"
  }
}
