import SlimRuntime

/// Runs packed `.slim` bytes on SlimRuntime from the offline tools, exactly as a
/// device would: load (validate), create a session, run each input.
public enum RuntimeProbe {
  /// Output of the model's first output tensor for each input sample.
  public static func run(_ bytes: [UInt8], inputs: [[Float]]) throws(SlimError) -> [[Float]] {
    // `withUnsafeBytes` rethrows untyped errors; carry the typed one out in a Result.
    let outcome = bytes.withUnsafeBytes { raw in
      Result { () throws(SlimError) -> [[Float]] in try run(SlimModel(borrowing: raw), inputs: inputs) }
    }
    return try outcome.get()
  }

  /// Output for each uint8 HWC pixel sample of a model whose input is pixels
  /// (`--input uint8`); a float32-input model throws `inputDTypeMismatch`.
  public static func run(_ bytes: [UInt8], pixels: [[UInt8]]) throws(SlimError) -> [[Float]] {
    let outcome = bytes.withUnsafeBytes { raw in
      Result { () throws(SlimError) -> [[Float]] in try run(SlimModel(borrowing: raw), pixels: pixels) }
    }
    return try outcome.get()
  }

  /// Output of `model`'s first output tensor for each input sample.
  public static func run(_ model: SlimModel, inputs: [[Float]]) throws(SlimError) -> [[Float]] {
    try run(model, inputs) { (session, input, output) throws(SlimError) in
      try input.withUnsafeBufferPointer { (x) throws(SlimError) in try session.run(input: x, output: output) }
    }
  }

  /// Output of `model`'s first output tensor for each uint8 HWC pixel sample.
  public static func run(_ model: SlimModel, pixels: [[UInt8]]) throws(SlimError) -> [[Float]] {
    try run(model, pixels) { (session, input, output) throws(SlimError) in
      try input.withUnsafeBufferPointer { (x) throws(SlimError) in try session.run(pixels: x, output: output) }
    }
  }

  /// One session, and `body` running it on each sample into a fresh output array.
  private static func run<Sample>(
    _ model: SlimModel, _ samples: [Sample],
    _ body: (SlimSession, Sample, UnsafeMutableBufferPointer<Float>) throws(SlimError) -> Void
  ) throws(SlimError) -> [[Float]] {
    let session = try SlimSession(model: model)
    let outputCount = model.outputs[0].elementCount
    var results: [[Float]] = []
    for sample in samples {
      var output = [Float](repeating: 0, count: outputCount)
      try output.withUnsafeMutableBufferPointer { (y) throws(SlimError) in try body(session, sample, y) }
      results.append(output)
    }
    return results
  }
}
