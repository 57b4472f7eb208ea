/// Scale and zero point of an asymmetric int8 tensor: `real = (q − zeroPoint) · scale`.
public struct QuantizationParameters: Sendable, Equatable, CustomStringConvertible {
  public var scale: Float
  public var zeroPoint: Int32

  public init(scale: Float, zeroPoint: Int32) {
    self.scale = scale
    self.zeroPoint = zeroPoint
  }

  /// The parameters that map `[low, high]` onto `-128...127`, as TensorFlow Lite
  /// chooses them: the range is first widened to contain 0 (so 0 is exact, which zero
  /// padding needs), `scale = (high − low) / 255`, and the zero point is rounded and
  /// clamped into int8. A degenerate range (all zeros) gets scale 1.
  public static func asymmetric(low: Double, high: Double) -> QuantizationParameters {
    let lo = min(low, 0), hi = max(high, 0)
    let span = hi - lo
    guard span > 0, span.isFinite else { return QuantizationParameters(scale: 1, zeroPoint: 0) }
    let scale = Float(span / 255)
    let zeroPoint = (-128 - lo / Double(scale)).rounded(.toNearestOrAwayFromZero)
    return QuantizationParameters(scale: scale, zeroPoint: Int32(min(max(zeroPoint, -128), 127)))
  }

  /// The real value of `q`.
  public func dequantize(_ q: Int8) -> Float { Float(Int32(q) - zeroPoint) * scale }

  /// The smallest and largest real values the parameters represent.
  public var representableRange: ClosedRange<Double> {
    Double(dequantize(.min))...Double(dequantize(.max))
  }

  public var description: String { "scale \(scale), zero point \(zeroPoint)" }
}
