/// Post-training quantization of an optimized float graph (BatchNorm folded,
/// activations fused) with calibrated ranges, in TensorFlow Lite's scheme: weights
/// int8 symmetric per output channel, activations int8 asymmetric per tensor, bias
/// int32 at `inputScale · weightScale`, integer requantization.
///
/// Layers named in `keepFloat` (and operations int8 does not cover) stay float32;
/// quantize/dequantize nodes are inserted where representations change. Pooling and
/// flatten follow their input's representation. Graph outputs stay float32; the graph
/// input stays float32 too, or becomes uint8 pixels read through a `PixelTable`.
public struct Quantizer {
  let graph: Graph
  let ranges: [ClosedRange<Double>]
  let rounding: Int8Rounding
  var result = QuantizedGraph()
  /// The quantized graph's float32 and int8 versions of each float-graph value.
  var floatVersion: [Graph.ValueID: QuantizedGraph.ValueID] = [:]
  var int8Version: [Graph.ValueID: QuantizedGraph.ValueID] = [:]

  /// Names of the weighted layers (conv, linear) in execution order: what `first`,
  /// `last` and layer names in `keepFloat` refer to.
  public static func weightedLayers(of graph: Graph) -> [String] {
    graph.nodes.compactMap { node in
      switch node.operation {
      case .conv2d, .linear: return node.name
      default: return nil
      }
    }
  }

  /// Quantizes `graph` with `ranges` (one per value, from `Calibrator`). `keepFloat`
  /// holds `first`, `last` or layer names.
  ///
  /// With `pixelInput`, the graph's one `[1, C, H, W]` input becomes uint8 pixels
  /// `[1, H, W, C]` and its first node a `quantizePixels` table built from that
  /// preprocessing and the input's calibrated parameters; every layer reading the input
  /// must then be int8 (else `pixelInputReadAsFloat`). `rounding` picks the forms of
  /// int8 adds and scale-and-shift layers. Cost: O(weights + nodes).
  public static func quantize(
    _ graph: Graph, ranges: [ClosedRange<Double>], keepFloat: [String], pixelInput: PixelPreprocessing? = nil,
    rounding: Int8Rounding = .single
  ) throws(QuantizationError) -> QuantizedGraph {
    let layers = weightedLayers(of: graph)
    var kept = Set<String>()
    for name in keepFloat {
      switch name {
      case "first": if let first = layers.first { kept.insert(first) }
      case "last": if let last = layers.last { kept.insert(last) }
      default:
        guard graph.nodes.contains(where: { $0.name == name }) else {
          throw .unknownLayer(name, available: layers)
        }
        kept.insert(name)
      }
    }
    var quantizer = Quantizer(graph: graph, ranges: ranges, rounding: rounding)
    if let pixelInput {
      try quantizer.addPixelInput(pixelInput)
    } else {
      for id in graph.inputs {
        let value = graph.values[id]
        let q = quantizer.result.addValue(name: value.name, shape: value.shape, representation: .float32, source: id)
        quantizer.result.inputs.append(q)
        quantizer.floatVersion[id] = q
      }
    }
    for node in graph.nodes { quantizer.lower(node, keepFloat: kept.contains(node.name)) }
    quantizer.result.outputs = graph.outputs.map { quantizer.asFloat($0) }
    if pixelInput != nil, let dequantized = quantizer.floatVersion[graph.inputs[0]] {
      // Only a float reader of the input makes `asFloat` dequantize it; name that reader.
      let reader = quantizer.result.nodes.first { $0.inputs.contains(dequantized) }
      throw .pixelInputReadAsFloat(layer: reader?.name ?? "output")
    }
    return quantizer.result
  }

  /// Makes the graph's only input uint8 `[1, H, W, C]` pixels and appends the
  /// `quantizePixels` node that gives its int8 version. There is no float version: a
  /// float reader would have to dequantize the table's output, which the float-input model
  /// does not do, so `quantize` refuses that.
  private mutating func addPixelInput(_ preprocessing: PixelPreprocessing) throws(QuantizationError) {
    let shapes = graph.inputs.map { graph.values[$0].shape }
    guard shapes.count == 1, shapes[0].count == 4, shapes[0][0] == 1 else { throw .pixelInputShape(shapes) }
    let (id, value) = (graph.inputs[0], graph.values[graph.inputs[0]])
    let (channels, height, width) = (value.shape[1], value.shape[2], value.shape[3])
    guard preprocessing.mean.count == channels, preprocessing.std.count == channels else {
      throw .pixelPreprocessing(channels: channels, mean: preprocessing.mean.count, std: preprocessing.std.count)
    }
    // The pixels are not the float input (other layout, not normalized), so they have no source.
    let pixels = result.addValue(
      name: value.name, shape: [1, height, width, channels], representation: .uint8, source: nil)
    result.inputs.append(pixels)
    let p = parameters(id)
    int8Version[id] = append(
      .quantizePixels(PixelTable(preprocessing, input: p)), inputs: [pixels], producing: id, as: .int8(p),
      suffix: ".quantize")
  }

  /// Int8 parameters of float-graph value `id` from its calibrated range.
  func parameters(_ id: Graph.ValueID) -> QuantizationParameters {
    QuantizationParameters.asymmetric(low: ranges[id].lowerBound, high: ranges[id].upperBound)
  }

  /// The int8 version of `id`, quantizing its float version on first use.
  mutating func asInt8(_ id: Graph.ValueID) -> QuantizedGraph.ValueID {
    if let q = int8Version[id] { return q }
    let p = parameters(id)
    let q = append(.quantize(p), inputs: [floatVersion[id]!], producing: id, as: .int8(p), suffix: ".quantize")
    int8Version[id] = q
    return q
  }

  /// The float version of `id`, dequantizing its int8 version on first use.
  mutating func asFloat(_ id: Graph.ValueID) -> QuantizedGraph.ValueID {
    if let q = floatVersion[id] { return q }
    let q8 = int8Version[id]!
    let p = result.parameters(of: q8)!
    let q = append(.dequantize(p), inputs: [q8], producing: id, as: .float32, suffix: ".dequantize")
    floatVersion[id] = q
    return q
  }

  mutating func append(
    _ operation: QuantizedOperation, inputs: [QuantizedGraph.ValueID], producing id: Graph.ValueID,
    as representation: QuantizedGraph.Representation, suffix: String = ""
  ) -> QuantizedGraph.ValueID {
    let value = graph.values[id]
    let name = value.name + suffix
    let output = result.addValue(name: name, shape: value.shape, representation: representation, source: id)
    result.nodes.append(QuantizedGraph.Node(name: name, operation: operation, inputs: inputs, output: output))
    return output
  }
}
