import SlimCommandLine
import SlimCompiler
import SlimRuntime

/// Decoded input samples in the form the model takes: normalized float32 for a float32
/// graph input, uint8 HWC pixels for a uint8 one (`slim-pack --int8 --input uint8`), which
/// the model normalizes itself, so the host never applies mean/std to them.
enum ModelInput {
  case floats([[Float]])
  case pixels([[UInt8]])

  /// Decodes `bytes` for `model`'s first input. A pixel model refuses float forms
  /// (`InputDecoder.Failure.pixelsNeeded`); a float model normalizes pixels with its
  /// stored mean/std.
  static func decode(
    _ bytes: [UInt8], for model: SlimModel, format: InputDecoder.Format, pathExtension: String
  ) throws(InputDecoder.Failure) -> ModelInput {
    let input = model.inputs[0]
    if input.dtype == .uint8 {
      return .pixels(
        try InputDecoder(pixelInputShape: input.shape).decodePixels(
          bytes, format: format, pathExtension: pathExtension))
    }
    let decoder = InputDecoder(
      inputShape: input.shape, mean: model.metadata.floats("preprocess.mean"),
      std: model.metadata.floats("preprocess.std"))
    return .floats(try decoder.decode(bytes, format: format, pathExtension: pathExtension))
  }

  /// The first sample alone. Precondition: at least one sample (the decoders never return none).
  var first: ModelInput {
    switch self {
    case .floats(let samples): return .floats([samples[0]])
    case .pixels(let samples): return .pixels([samples[0]])
    }
  }

  /// The outputs of every sample, one session for all.
  func run(on model: SlimModel) throws(SlimError) -> [[Float]] {
    switch self {
    case .floats(let samples): return try RuntimeProbe.run(model, inputs: samples)
    case .pixels(let samples): return try RuntimeProbe.run(model, pixels: samples)
    }
  }

  /// Writes the first sample into `session`'s input 0; a sample of the wrong size or
  /// dtype is a `CommandFailure` (exit 65).
  func write(into session: SlimSession) throws {
    let bytes = session.inputBytes(0)
    let isPixelModel = session.model.inputs[0].dtype == .uint8
    switch self {
    case .floats(let samples):
      let slot = session.inputBuffer(0)
      guard !isPixelModel, samples[0].count == slot.count else {
        throw CommandFailure(
          message:
            "the input has \(samples[0].count) float values, the model takes \(session.model.inputs[0].elementCount) "
            + (isPixelModel ? "uint8 pixels" : "floats"), status: .badInput)
      }
      _ = slot.update(fromContentsOf: samples[0])
    case .pixels(let samples):
      guard isPixelModel, samples[0].count == bytes.count else {
        throw CommandFailure(
          message: "the input has \(samples[0].count) pixels, the model takes \(session.model.inputs[0].elementCount) "
            + (isPixelModel ? "uint8 pixels" : "floats"), status: .badInput)
      }
      samples[0].withUnsafeBytes { bytes.copyMemory(from: $0) }
    }
  }
}
