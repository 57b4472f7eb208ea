import SlimRuntime

/// The whole offline pipeline: import → optimize → lower and plan → serialize → verify.
public enum Packer {
  /// What packing produced, for the command's report.
  public struct Result: Sendable {
    public var bytes: [UInt8]
    public var model: ImportedModel
    public var packed: PackedModel
    public var optimization: Optimizer.Summary
    /// Nil when verification was switched off.
    public var verification: Comparison?
    /// For int8 models: the per-layer error and size report; nil for float32.
    public var quantization: QuantizationReport? = nil
  }

  /// Version written into the `producer` metadata.
  public static let version = "0.1.0"

  /// Packs the checkpoint or ONNX model at `path` (told apart by `ModelImporter.importModel`).
  /// Nothing is written to disk here.
  public static func pack(checkpointAt path: String, options: PackOptions) throws(PackError) -> Result {
    let model: ImportedModel
    do { model = try ModelImporter.importModel(at: path, architecture: options.architecture) } catch {
      throw .importFailed(error)
    }
    return try pack(model, options: options)
  }

  /// Packs an imported model.
  public static func pack(_ model: ImportedModel, options: PackOptions) throws(PackError) -> Result {
    let inputShape = model.graph.values[model.graph.inputs[0]].shape
    let channels = inputShape.count == 4 ? inputShape[1] : 1
    for (name, values) in [("--mean", options.mean), ("--std", options.std)] {
      if let values, values.count != channels {
        throw .invalidOption("\(name) needs \(channels) values (one per input channel), got \(values.count)")
      }
    }
    if let std = options.std, std.contains(where: { !($0 > 0) || !$0.isFinite }) {
      throw .invalidOption("--std values must be positive")
    }

    let classes = model.graph.values[model.graph.outputs[0]].shape.reduce(1, *)
    if let labels = options.labels, labels.count != classes {
      throw .invalidOption("--labels gives \(labels.count) labels, the model has \(classes) outputs")
    }

    let (optimized, summary) = Optimizer.optimize(model.graph)
    if let quantization = options.quantization {
      return try packInt8(model, optimized: optimized, summary: summary, options: options, quantization: quantization)
    }
    var packed: PackedModel
    do { packed = try Lowering.lower(optimized) } catch { throw .lowering(error) }
    packed.metadata = metadata(for: model, inputShape: inputShape, options: options)
    let bytes = try serialize(packed, options: options)
    let verification = options.verify ? try verify(bytes, against: model.graph, options: options) : nil
    return Result(bytes: bytes, model: model, packed: packed, optimization: summary, verification: verification)
  }

  /// The file bytes of `packed`, with `options.packedWeights` also its convolution
  /// weights in the fast kernels' layouts (`PACK` and `WINO` for float32 layers,
  /// `PKI8`, and with `options.byteDotWeights` `PKQ8`, for int8 ones).
  static func serialize(_ packed: PackedModel, options: PackOptions) throws(PackError) -> [UInt8] {
    do {
      let bytes = try SlimWriter.serialize(packed, compression: options.compression)
      guard options.packedWeights else { return bytes }
      // The runtime packs (one implementation of each layout); the reloaded file is
      // validated again, these sections included, by the pack-time verification.
      let model = try SlimModel(copying: bytes)
      let sections = [
        (SlimFormat.packedWeightsTag, model.packedWeightsSection()),
        (SlimFormat.winogradWeightsTag, model.winogradWeightsSection()),
        (SlimFormat.int8PackedWeightsTag, model.int8PackedWeightsSection(byteDot: options.byteDotWeights)),
        (SlimFormat.int8QuadWeightsTag, options.byteDotWeights ? model.int8QuadWeightsSection() : nil),
      ].compactMap { tag, raw in raw.map { (tag: tag, raw: $0) } }
      return try SlimWriter.serialize(packed, compression: options.compression, optionalSections: sections)
    } catch {
      throw .serialization("\(error)")
    }
  }

  /// Runs the unoptimized graph on the reference engine and the packed bytes on the
  /// runtime with the same probe inputs; throws when they disagree.
  static func verify(_ bytes: [UInt8], against graph: Graph, options: PackOptions) throws(PackError) -> Comparison {
    let shape = graph.values[graph.inputs[0]].shape
    let probes = (0..<options.probeCount).map {
      ProbeInput.normal(count: shape.reduce(1, *), seed: 0x5EED + UInt64($0))
    }
    let candidates: [[Float]]
    do { candidates = try RuntimeProbe.run(bytes, inputs: probes) } catch { throw .runtimeRejected(error) }
    var comparisons: [Comparison] = []
    for (probe, candidate) in zip(probes, candidates) {
      let reference: [Tensor]
      do { reference = try ReferenceEngine.run(graph, inputs: [Tensor(shape: shape, scalars: probe)]) } catch {
        throw .reference(error)
      }
      comparisons.append(Comparison(candidate: candidate, reference: reference[0].scalars))
    }
    let worst = Comparison.worst(comparisons)!
    guard worst.within(options.tolerance) else { throw .verificationFailed(worst, tolerance: options.tolerance) }
    return worst
  }

  /// The `META` entries; `inputShape` and `layout` describe the graph input as the file
  /// stores it (`NHWC` for a uint8 pixel input).
  static func metadata(
    for model: ImportedModel, inputShape: [Int], layout: String = "NCHW", options: PackOptions
  ) -> [(key: String, value: PackedModel.MetadataValue)] {
    var entries: [(key: String, value: PackedModel.MetadataValue)] = [
      ("producer", .string("slim-pack \(version)")),
      ("source.file", .string(String(model.sourceFile.split(separator: "/").last ?? ""))),
      ("source.format", .string(model.sourceFormat)),
      ("source.arch", .string(model.architecture.rawValue)),
      ("source.cfg", .string(model.configDescription)),
      ("input.layout", .string(layout)),
      ("input.shape", .ints(inputShape.map(Int64.init))),
    ]
    if let mean = options.mean { entries.append(("preprocess.mean", .floats(mean))) }
    if let std = options.std { entries.append(("preprocess.std", .floats(std))) }
    if let labels = options.labels { entries.append(("labels", .string(labels.joined(separator: "\n")))) }
    return entries
  }
}
