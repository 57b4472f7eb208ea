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

  /// Output of `model`'s first output tensor for each input sample.
  public static func run(_ model: SlimModel, inputs: [[Float]]) throws(SlimError) -> [[Float]] {
    let session = try SlimSession(model: model)
    let outputCount = model.outputs[0].elementCount
    var results: [[Float]] = []
    for input in inputs {
      var output = [Float](repeating: 0, count: outputCount)
      try input.withUnsafeBufferPointer { (x) throws(SlimError) in
        try output.withUnsafeMutableBufferPointer { (y) throws(SlimError) in
          try session.run(input: x, output: y)
        }
      }
      results.append(output)
    }
    return results
  }
}
