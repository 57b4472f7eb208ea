import SlimRuntime

extension Packer {
  /// The int8 pipeline: calibrate the optimized graph on the reference engine, quantize,
  /// lower, serialize, then verify that the runtime equals the int8 reference engine bit
  /// for bit on probe and calibration inputs, and measure per-layer error against float32.
  static func packInt8(
    _ model: ImportedModel, optimized: Graph, summary: Optimizer.Summary, options: PackOptions,
    quantization: QuantizationOptions
  ) throws(PackError) -> Result {
    guard !quantization.calibration.isEmpty else { throw .invalidOption("\(QuantizationError.noCalibrationInputs)") }
    let inputShape = optimized.values[optimized.inputs[0]].shape
    let count = inputShape.reduce(1, *)
    for (n, sample) in quantization.calibration.enumerated() where sample.count != count {
      throw .invalidOption("calibration sample \(n) has \(sample.count) values; the model takes \(inputShape)")
    }
    let ranges: [ClosedRange<Double>]
    do {
      ranges = try Calibrator.ranges(
        of: optimized, inputs: quantization.calibration, method: quantization.method,
        progress: quantization.progress.map { progress in { progress($0, $1) } })
    } catch { throw .reference(error) }
    let quantized: QuantizedGraph
    do { quantized = try Quantizer.quantize(optimized, ranges: ranges, keepFloat: quantization.keepFloat) } catch {
      throw .invalidOption("\(error)")
    }
    var packed: PackedModel
    do { packed = try QuantizedLowering.lower(quantized) } catch { throw .lowering(error) }
    packed.metadata = metadata(for: model, inputShape: inputShape, options: options)
    packed.metadata.append(("quantization", .string("int8 per-channel weights, \(quantization.method.rawValue)")))
    let bytes = try serialize(packed, options: options)

    var report = try measure(
      quantized, optimized: optimized, bytes: bytes, options: options, quantization: quantization)
    var floatModel: PackedModel
    do { floatModel = try Lowering.lower(optimized) } catch { throw .lowering(error) }
    floatModel.metadata = packed.metadata.dropLast()
    report.float32FileSize = try serialize(floatModel, options: options).count
    report.int8FileSize = bytes.count
    return Result(
      bytes: bytes, model: model, packed: packed, optimization: summary, verification: nil, quantization: report)
  }

  private static func serialize(_ packed: PackedModel, options: PackOptions) throws(PackError) -> [UInt8] {
    do { return try SlimWriter.serialize(packed, compression: options.compression) } catch {
      throw .serialization("\(error)")
    }
  }

  /// Runs the report samples (probes, then the first calibration samples) through the
  /// runtime and both reference engines. Throws `verificationFailed` (tolerance 0) when
  /// the runtime's output differs from the int8 reference in any bit.
  private static func measure(
    _ quantized: QuantizedGraph, optimized: Graph, bytes: [UInt8], options: PackOptions,
    quantization: QuantizationOptions
  ) throws(PackError) -> QuantizationReport {
    let shape = optimized.values[optimized.inputs[0]].shape
    let probes = (0..<(options.verify ? options.probeCount : 0)).map {
      ProbeInput.normal(count: shape.reduce(1, *), seed: 0x5EED + UInt64($0))
    }
    let samples = Array(quantization.calibration.prefix(quantization.reportSamples))
    let runtime: [[Float]]
    do { runtime = try RuntimeProbe.run(bytes, inputs: probes + samples) } catch { throw .runtimeRejected(error) }

    var squared = [QuantizedGraph.ValueID: (signal: [Float], candidate: [Float])]()
    var agreement = 0
    let floatNodes = quantized.nodes.indices.filter {
      if case .float = quantized.nodes[$0].operation { return true }
      return false
    }
    let lastInt8 = quantized.nodes.lastIndex { quantized.parameters(of: $0.output) != nil } ?? -1
    let floatTail = floatNodes.allSatisfy { $0 > lastInt8 }
    var comparisons: [Comparison] = []
    for (n, input) in (probes + samples).enumerated() {
      let tensor = Tensor(shape: shape, scalars: input)
      let int8Values: [Int8ReferenceEngine.Data?]
      let floatValues: [Tensor?]
      do {
        int8Values = try Int8ReferenceEngine.evaluate(quantized, inputs: [tensor])
        floatValues = try ReferenceEngine.evaluate(optimized, inputs: [tensor])
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
      if case .quantize = node.operation { return nil }
      if case .dequantize = node.operation { return nil }
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
      method: quantization.method, verification: verification, calibrationSamples: quantization.calibration.count,
      layers: layers, top1Agreement: agreement,
      reportSamples: samples.count, float32FileSize: 0, int8FileSize: 0)
  }
}
