/// What `slim-pack` was asked to do.
public struct PackOptions: Sendable {
  /// Builder to use; nil detects it from the state-dict keys.
  public var architecture: Architecture?
  /// Per-channel preprocessing stored in the file, used for uint8 inputs.
  public var mean: [Float]?
  public var std: [Float]?
  public var labels: [String]?
  public var compression: SlimCompression = .none
  /// Run the reference engine and the runtime on probe inputs and refuse to write on disagreement.
  public var verify = true
  /// Relative tolerance of the verification (see `Comparison`).
  public var tolerance = 1e-4
  public var probeCount = 2
  /// Also store convolution weights in the fast kernels' layouts (`PACK` and `WINO`
  /// for float32 layers, `PKI8` for int8 ones), so hosted sessions use them in place
  /// instead of repacking; the file grows by them.
  public var packedWeights = false
  /// With `packedWeights`, store int8 convolutions in the layouts a runtime with the
  /// byte dot product (`SLIM_VNNI`, x86 AVX-512 VNNI) runs: `PKQ8` for those it runs
  /// as `quads`, `PKI8` for the rest.
  public var byteDotWeights = false
  /// Set to pack an int8 model (post-training quantization); nil packs float32.
  public var quantization: QuantizationOptions?

  public init() {}
}
