import SlimRuntime

extension Packer {
  /// The int8 pipeline: calibrate the optimized graph on the reference engine, quantize,
  /// lower, serialize, then verify that the runtime equals the int8 reference engine bit
  /// for bit on probe and calibration inputs, and measure per-layer error against float32.
  /// With `quantization.pixels` the model takes uint8 pixels, and so do those checks.
  static func packInt8(
    _ model: ImportedModel, optimized: Graph, summary: Optimizer.Summary, options: PackOptions,
    quantization: QuantizationOptions
  ) throws(PackError) -> Result {
    let inputShape = optimized.values[optimized.inputs[0]].shape
    let input = try calibrationInput(inputShape, options: options, quantization: quantization)
    let ranges: [ClosedRange<Double>]
    do {
      ranges = try Calibrator.ranges(
        of: optimized, inputs: input.calibration, method: quantization.method,
        progress: quantization.progress.map { progress in { progress($0, $1) } })
    } catch { throw .reference(error) }
    let quantized: QuantizedGraph
    do {
      quantized = try Quantizer.quantize(
        optimized, ranges: ranges, keepFloat: quantization.keepFloat, pixelInput: input.decoder.map(Self.preprocessing),
        rounding: quantization.rounding)
    } catch { throw .invalidOption("\(error)") }
    var packed: PackedModel
    do { packed = try QuantizedLowering.lower(quantized) } catch { throw .lowering(error) }
    let pixelShape = input.decoder.map { [1, $0.height, $0.width, $0.channels] }
    packed.metadata = metadata(
      for: model, inputShape: pixelShape ?? inputShape, layout: pixelShape == nil ? "NCHW" : "NHWC", options: options)
    let scheme =
      "int8 per-channel weights, \(quantization.method.rawValue)" + (pixelShape == nil ? "" : ", uint8 pixel input")
    packed.metadata.append(("quantization", .string(scheme)))
    let bytes = try serialize(packed, options: options)

    var report = try measure(
      quantized, optimized: optimized, bytes: bytes, options: options, quantization: quantization,
      calibration: input.calibration, pixelDecoder: input.decoder)
    report.pixelInputShape = pixelShape
    var floatModel: PackedModel
    do { floatModel = try Lowering.lower(optimized) } catch { throw .lowering(error) }
    floatModel.metadata = packed.metadata.dropLast()
    report.float32FileSize = try serialize(floatModel, options: options).count
    report.int8FileSize = bytes.count
    return Result(
      bytes: bytes, model: model, packed: packed, optimization: summary, verification: nil, quantization: report)
  }

  /// The normalized calibration samples, checked against the model's input, and for a
  /// pixel input the decoder that normalizes its pixels (with `--mean`/`--std`, required).
  private static func calibrationInput(
    _ inputShape: [Int], options: PackOptions, quantization: QuantizationOptions
  ) throws(PackError) -> (calibration: [[Float]], decoder: InputDecoder?) {
    let count = inputShape.reduce(1, *)
    guard let pixels = quantization.pixels else {
      guard !quantization.calibration.isEmpty else { throw .invalidOption("\(QuantizationError.noCalibrationInputs)") }
      for (n, sample) in quantization.calibration.enumerated() where sample.count != count {
        throw .invalidOption("calibration sample \(n) has \(sample.count) values; the model takes \(inputShape)")
      }
      return (quantization.calibration, nil)
    }
    guard inputShape.count == 4, inputShape[0] == 1 else {
      throw .invalidOption("\(QuantizationError.pixelInputShape([inputShape]))")
    }
    guard let mean = options.mean, let std = options.std else {
      throw .invalidOption("--input uint8 needs --mean and --std: the model normalizes its pixels inside with them")
    }
    guard !pixels.isEmpty else { throw .invalidOption("\(QuantizationError.noCalibrationInputs)") }
    let decoder = InputDecoder(inputShape: inputShape, mean: mean, std: std)
    for (n, sample) in pixels.enumerated() where sample.count != count {
      throw .invalidOption(
        "calibration sample \(n) has \(sample.count) pixels; the model takes \(decoder.height)×\(decoder.width)×"
          + "\(decoder.channels) uint8 HWC")
    }
    return (pixels.map { decoder.normalize(pixels: $0.map(Float.init)) }, decoder)
  }

  private static func preprocessing(_ decoder: InputDecoder) -> PixelPreprocessing {
    PixelPreprocessing(mean: decoder.mean, std: decoder.std)
  }

  /// One input of the pack-time checks: what the packed model and the int8 reference
  /// take (floats, or pixels), and the normalized floats the float32 reference takes.
  private struct Sample {
    var input: Int8ReferenceEngine.Data
    var normalized: [Float]
  }

  /// The probes and report samples: N(0, 1) noise and the first calibration samples, or
  /// for a pixel input (`pixelDecoder` set) a sweep of every pixel value, random pixels,
  /// and the first calibration pixels.
  private static func samples(
    count: Int, probes: Int, quantization: QuantizationOptions, calibration: [[Float]], pixelDecoder: InputDecoder?
  ) -> (probes: [Sample], samples: [Sample]) {
    guard let decoder = pixelDecoder, let pixels = quantization.pixels else {
      let probes = (0..<probes).map { ProbeInput.normal(count: count, seed: 0x5EED + UInt64($0)) }
      return (
        probes.map { Sample(input: .float($0), normalized: $0) },
        calibration.prefix(quantization.reportSamples).map { Sample(input: .float($0), normalized: $0) }
      )
    }
    func sample(_ pixels: [UInt8]) -> Sample {
      Sample(input: .uint8(pixels), normalized: decoder.normalize(pixels: pixels.map(Float.init)))
    }
    let sweep = ProbeInput.pixelSweep(spatial: decoder.height * decoder.width, channels: decoder.channels)
    let random = (1..<max(probes, 1)).map { ProbeInput.pixels(count: count, seed: 0x5EED + UInt64($0)) }
    return ((probes > 0 ? [sweep] + random : []).map(sample), pixels.prefix(quantization.reportSamples).map(sample))
  }

  /// Runs the report samples (probes, then the first calibration samples) through the
  /// runtime and both reference engines. Throws `verificationFailed` (tolerance 0) when
  /// the runtime's output differs from the int8 reference in any bit.
  private static func measure(
    _ quantized: QuantizedGraph, optimized: Graph, bytes: [UInt8], options: PackOptions,
    quantization: QuantizationOptions, calibration: [[Float]], pixelDecoder: InputDecoder?
  ) throws(PackError) -> QuantizationReport {
    let shape = optimized.values[optimized.inputs[0]].shape
    let (probes, samples) = Self.samples(
      count: shape.reduce(1, *), probes: options.verify ? options.probeCount : 0, quantization: quantization,
      calibration: calibration, pixelDecoder: pixelDecoder)
    let runtime: [[Float]]
    do {
      if pixelDecoder != nil {
        runtime = try RuntimeProbe.run(bytes, pixels: (probes + samples).map { Self.pixels($0.input) })
      } else {
        runtime = try RuntimeProbe.run(bytes, inputs: (probes + samples).map(\.normalized))
      }
    } catch { throw .runtimeRejected(error) }

    var squared = [QuantizedGraph.ValueID: (signal: [Float], candidate: [Float])]()
    var agreement = 0
    let floatNodes = quantized.nodes.indices.filter {
      if case .float = quantized.nodes[$0].operation { return true }
      return false
    }
    let lastInt8 = quantized.nodes.lastIndex { quantized.parameters(of: $0.output) != nil } ?? -1
    let floatTail = floatNodes.allSatisfy { $0 > lastInt8 }
    var comparisons: [Comparison] = []
    for (n, sample) in (probes + samples).enumerated() {
      let int8Values: [Int8ReferenceEngine.Data?]
      let floatValues: [Tensor?]
      do {
        int8Values = try Int8ReferenceEngine.evaluate(quantized, inputs: [sample.input])
        floatValues = try ReferenceEngine.evaluate(
          optimized, inputs: [Tensor(shape: shape, scalars: sample.normalized)])
      } catch { throw .reference(error) }
      let output = quantized.outputs[0]
      let expected = int8Values[output]!.real(quantized.parameters(of: output))
      let comparison = Comparison(candidate: runtime[n], reference: expected)
      comparisons.append(comparison)
      if options.verify {
        if floatNodes.isEmpty, runtime[n] != expected { throw .verificationFailed(comparison, tolerance: 0) }
        if !floatNodes.isEmpty, floatTail, !comparison.within(options.tolerance) {
          throw .verificationFailed(comparison, tolerance: options.tolerance)
        }
        if !comparison.sameTop1 { throw .verificationFailed(comparison, tolerance: options.tolerance) }
      }
      guard n >= probes.count else { continue }
      let reference = floatValues[optimized.outputs[0]]!.scalars
      if Comparison.argmax(expected) == Comparison.argmax(reference) { agreement += 1 }
      for (id, value) in quantized.values.enumerated() {
        guard let source = value.source, quantized.nodes.contains(where: { $0.output == id }),
          let data = int8Values[id], let r = floatValues[source]
        else { continue }
        squared[id, default: ([], [])].signal += r.scalars
        squared[id, default: ([], [])].candidate += data.real(quantized.parameters(of: id))
      }
    }
    let layers = quantized.nodes.compactMap { node -> QuantizationReport.Layer? in
      guard let pair = squared[node.output] else { return nil }
      switch node.operation {
      case .quantize, .dequantize, .quantizePixels: return nil
      default: break
      }
      let error = QuantizationReport.error(pair.candidate, pair.signal)
      return QuantizationReport.Layer(
        name: node.name, sqnr: error.sqnr, cosine: error.cosine, isInt8: quantized.parameters(of: node.output) != nil)
    }
    let worst = Comparison.worst(comparisons)!
    let verification: QuantizationReport.Verification =
      !options.verify
      ? .skipped
      : floatNodes.isEmpty ? .bitExact(samples: comparisons.count) : floatTail ? .floatTail(worst) : .mixed(worst)
    return QuantizationReport(
      method: quantization.method, verification: verification, calibrationSamples: calibration.count,
      layers: layers, top1Agreement: agreement,
      reportSamples: samples.count, float32FileSize: 0, int8FileSize: 0)
  }

  /// The pixels of a pixel sample. Precondition: `data` is `.uint8` (pixel-input models only).
  private static func pixels(_ data: Int8ReferenceEngine.Data) -> [UInt8] {
    guard case .uint8(let pixels) = data else { preconditionFailure("a pixel model's sample is not pixels") }
    return pixels
  }
}
