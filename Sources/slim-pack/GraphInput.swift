import ArgumentParser

/// `--input`: what the packed model's graph input is.
enum GraphInput: String, ExpressibleByArgument, CaseIterable {
  /// Normalized float32 NCHW, as the caller computes it (every model; the default).
  case float32
  /// uint8 HWC pixels, normalized and quantized inside the model by a table (int8 only).
  case uint8
}
