import Foundation

/// What int8 packing measured: per-layer error against float32, output agreement,
/// bit-exactness of the runtime against the int8 reference, and the file sizes.
public struct QuantizationReport: Sendable {
  public struct Layer: Sendable {
    public var name: String
    /// `10·log10(Σ r² / Σ (r − q)²)` of the dequantized int8 value `q` against the float
    /// reference value `r`, over the report samples; +∞ when identical.
    public var sqnr: Double
    public var cosine: Double
    /// Whether the layer ran in int8 (false: kept float32).
    public var isInt8: Bool
  }

  /// What the pack-time check of the runtime against the int8 reference engine proved.
  public enum Verification: Sendable {
    /// All-int8 graph: the runtime's output equalled the reference's bit for bit on `samples` inputs.
    case bitExact(samples: Int)
    /// Float32 layers only after the last int8 one (e.g. `--keep-float last`): int8 part exact,
    /// float tail within the float32 tolerance; the worst comparison.
    case floatTail(Comparison)
    /// Float32 layers feed int8 ones (e.g. `--keep-float first`): float32 rounding may move a
    /// value across a quantization step, so only the same top-1 is required; the worst comparison.
    case mixed(Comparison)
    case skipped
  }

  public var method: CalibrationMethod
  public var verification: Verification
  public var calibrationSamples: Int
  public var layers: [Layer]
  /// Report samples whose int8 top-1 equals the float32 reference's.
  public var top1Agreement: Int
  public var reportSamples: Int
  public var float32FileSize: Int
  public var int8FileSize: Int
  /// `[1, H, W, C]` when the model takes uint8 pixels (`--input uint8`); nil for a float32 input.
  public var pixelInputShape: [Int]? = nil

  public var sizeRatio: Double { Double(int8FileSize) / Double(max(float32FileSize, 1)) }

  /// SQNR and cosine similarity of `candidate` against `reference`.
  static func error(_ candidate: [Float], _ reference: [Float]) -> (sqnr: Double, cosine: Double) {
    var signal = 0.0, noise = 0.0, dot = 0.0, candidateEnergy = 0.0
    for (q, r) in zip(candidate, reference) {
      signal += Double(r) * Double(r)
      noise += (Double(r) - Double(q)) * (Double(r) - Double(q))
      dot += Double(r) * Double(q)
      candidateEnergy += Double(q) * Double(q)
    }
    let sqnr = noise > 0 ? 10 * log10(signal / noise) : .infinity
    let denominator = (signal * candidateEnergy).squareRoot()
    return (sqnr, denominator > 0 ? dot / denominator : (signal == candidateEnergy ? 1 : 0))
  }
}
