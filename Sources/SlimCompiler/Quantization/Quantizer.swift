/// Post-training quantization of an optimized float graph (BatchNorm folded,
/// activations fused) with calibrated ranges, in TensorFlow Lite's scheme: weights
/// int8 symmetric per output channel, activations int8 asymmetric per tensor, bias
/// int32 at `inputScale · weightScale`, integer requantization.
///
/// Layers named in `keepFloat` (and operations int8 does not cover) stay float32;
/// quantize/dequantize nodes are inserted where representations change. Pooling and
/// flatten follow their input's representation. Graph inputs and outputs stay float32.
public struct Quantizer {
  let graph: Graph
  let ranges: [ClosedRange<Double>]
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
  /// holds `first`, `last` or layer names. Cost: O(weights + nodes).
  public static func quantize(
    _ graph: Graph, ranges: [ClosedRange<Double>], keepFloat: [String]
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
    var quantizer = Quantizer(graph: graph, ranges: ranges)
    for id in graph.inputs {
      let value = graph.values[id]
      let q = quantizer.result.addValue(name: value.name, shape: value.shape, representation: .float32, source: id)
      quantizer.result.inputs.append(q)
      quantizer.floatVersion[id] = q
    }
    for node in graph.nodes { quantizer.lower(node, keepFloat: kept.contains(node.name)) }
    quantizer.result.outputs = graph.outputs.map { quantizer.asFloat($0) }
    return quantizer.result
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
