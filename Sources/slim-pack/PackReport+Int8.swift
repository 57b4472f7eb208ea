import Foundation
import SlimCommandLine
import SlimCompiler

extension PackReport {
  /// The int8 part of the report: calibration, bit-exactness, per-layer error, sizes.
  static func lines(_ q: QuantizationReport) -> [String] {
    var lines = [
      "int8        calibrated on \(q.calibrationSamples) inputs (\(q.method.rawValue)); "
        + "file \(ByteCount(q.int8FileSize)) vs float32 \(ByteCount(q.float32FileSize)) "
        + "(\(String(format: "%.3f", q.sizeRatio))×)",
      "verified    " + verification(q.verification),
    ]
    if let shape = q.pixelInputShape {
      lines.append(
        "input       uint8 pixels \(shape) (HWC), normalized and quantized inside by a table (no float on the device)")
    }
    lines += [
      "agreement   int8 top-1 equals float32 on \(q.top1Agreement)/\(q.reportSamples) calibration inputs "
        + "(measure accuracy on held-out data)",
      "layer error (dequantized int8 vs float32 reference, on those inputs)",
    ]
    let width = q.layers.map(\.name.count).max() ?? 0
    for layer in q.layers {
      let name = layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
      let sqnr = layer.sqnr.isFinite ? String(format: "%6.1f dB", layer.sqnr) : "   exact"
      lines.append(
        "  \(name)  \(layer.isInt8 ? "int8 " : "float")  SQNR \(sqnr)  cosine \(String(format: "%.5f", layer.cosine))")
    }
    return lines
  }

  static func verification(_ v: QuantizationReport.Verification) -> String {
    switch v {
    case .bitExact(let samples): return "runtime equals the int8 reference engine bit for bit on \(samples) inputs"
    case .floatTail(let c): return "int8 layers exact, float32 tail within tolerance: \(c)"
    case .mixed(let c):
      return "float32 layers feed int8 ones, so bit-exactness is not expected; same top-1, \(c)"
    case .skipped: return "skipped (--no-verify)"
    }
  }
}
