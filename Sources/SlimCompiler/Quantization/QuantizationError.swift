/// Why a graph could not be quantized.
public enum QuantizationError: Error, Equatable, CustomStringConvertible {
  /// `--keep-float` names a node the graph does not have.
  case unknownLayer(String, available: [String])
  case noCalibrationInputs

  public var description: String {
    switch self {
    case .unknownLayer(let name, let available):
      return "--keep-float: no layer named '\(name)' (use first, last, or one of: \(available.joined(separator: ", ")))"
    case .noCalibrationInputs:
      return "int8 needs calibration inputs (--calibration DIR or file.npy), and none were given"
    }
  }
}
