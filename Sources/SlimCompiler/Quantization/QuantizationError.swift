/// Why a graph could not be quantized.
public enum QuantizationError: Error, Equatable, CustomStringConvertible {
  /// `--keep-float` names a node the graph does not have.
  case unknownLayer(String, available: [String])
  case noCalibrationInputs
  /// A pixel input needs one graph input of shape `[1, C, H, W]`; the model has these inputs.
  case pixelInputShape([[Int]])
  /// The pixel preprocessing does not give one mean and one std per input channel.
  case pixelPreprocessing(channels: Int, mean: Int, std: Int)
  /// A layer reads the pixel input in float32 (kept float, or not covered by int8).
  case pixelInputReadAsFloat(layer: String)

  public var description: String {
    switch self {
    case .unknownLayer(let name, let available):
      return "--keep-float: no layer named '\(name)' (use first, last, or one of: \(available.joined(separator: ", ")))"
    case .noCalibrationInputs:
      return "int8 needs calibration inputs (--calibration DIR or file.npy), and none were given"
    case .pixelInputShape(let shapes):
      return "--input uint8 needs one image input of shape [1, C, H, W]; the model's inputs are \(shapes)"
    case .pixelPreprocessing(let channels, let mean, let std):
      return "--input uint8 needs --mean and --std with one value per input channel (\(channels)); "
        + "got \(mean) and \(std)"
    case .pixelInputReadAsFloat(let layer):
      return "--input uint8: layer '\(layer)' would read the pixels in float32 (a --keep-float layer, or an "
        + "operation int8 does not cover); the pixel input must feed int8 layers"
    }
  }
}
