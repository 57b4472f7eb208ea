/// Folds the output of removed channels into the next layer.
///
/// A channel Network Slimming removes has |γ| near zero, so its batch norm still
/// emits the constant β, the ReLU act(β), and the next layer sees that constant on
/// every pixel. The reference code zeroes β and loses it; here each next-layer
/// output `o` gets `δ[o] = Σ_c act(β_c) · Σ_{kh,kw} W[o, c, kh, kw]`, added to its
/// bias, or, for PyTorch convs without bias followed by a batch norm, subtracted
/// from that batch norm's running mean (which is the same thing and keeps the
/// checkpoint loadable). Exact for 1x1 convs and linear layers; for k×k convs with
/// zero padding the border pixels differ (reported as approximate).
enum Compensation {
  /// Rewrites `graph` (biases and running means) and reports what was folded where.
  /// Cost: O(weights of the target layers).
  static func apply(
    to graph: inout Graph, masks: ChannelMasks, groups: ChannelGroups, topology: GraphTopology
  ) -> CompensationReport {
    var report = CompensationReport()
    for index in graph.nodes.indices {
      guard case .batchNorm(let bn) = graph.nodes[index].operation else { continue }
      let removed = removedChannels(index, bn: bn, graph: graph, masks: masks, groups: groups)
      guard !removed.isEmpty else { continue }
      let constants = Dictionary(uniqueKeysWithValues: removed.map { ($0, Double(bn.beta.scalars[$0])) })
      var entry = CompensationReport.Entry(
        source: graph.nodes[index].name, target: nil, channels: removed.count, approximate: false, note: nil)
      switch fold(constants, from: graph.nodes[index].outputs[0], graph: &graph, topology: topology) {
      case .success(let target, let borderError):
        entry.target = target
        entry.approximate = borderError != nil
        entry.borderError = borderError
      case .failure(let reason, let lost):
        entry.note = reason
        entry.lostConstant = lost
      }
      report.entries.append(entry)
    }
    return report
  }

  /// Channels of batch norm `index` that pruning removes.
  static func removedChannels(
    _ index: Int, bn: GraphOperation.BatchNorm, graph: Graph, masks: ChannelMasks, groups: ChannelGroups
  ) -> [Int] {
    let output = graph.nodes[index].outputs[0]
    if let keep = masks.groupKeep[groups.groupOf[output]] { return keep.indices.filter { !keep[$0] } }
    let selections = graph.nodes.indices.filter { graph.nodes[$0].inputs == [output] && masks.selectionKeep[$0] != nil }
    guard !selections.isEmpty else { return [] }
    return selections.flatMap { select -> [Int] in
      guard case .selectChannels(let indexes) = graph.nodes[select].operation else { return [] }
      return indexes.filter { !masks.selectionKeep[select]![$0] }
    }
  }

  enum Outcome {
    /// Folded into `target`; `borderError` is set for k×k convs with zero padding.
    case success(target: String, borderError: Double?)
    /// Not folded; `lost` is the largest |δ| the next layer's outputs lose, when it got that far.
    case failure(String, lost: Double?)
  }

  /// Follows `value` through single-reader, constant-preserving ops to the first conv or
  /// linear layer and folds `constants` (channel → value) into it.
  static func fold(
    _ constants: [Int: Double], from value: Graph.ValueID, graph: inout Graph, topology: GraphTopology
  ) -> Outcome {
    var constants = constants
    var value = value
    var flattenedBlock: Int?
    while true {
      let readers = topology.consumers[value]
      guard readers.count == 1 else { return .failure("its output has \(readers.count) readers", lost: nil) }
      let node = graph.nodes[readers[0]]
      switch node.operation {
      case .selectChannels(let indexes):
        var moved: [Int: Double] = [:]
        for (k, c) in indexes.enumerated() { if let v = constants[c] { moved[k] = v } }
        constants = moved
      case .activation(let activation):
        constants = constants.mapValues(activation.apply)
      case .maxPool2d, .globalAvgPool:
        break
      case .avgPool2d(let pool) where pool.padding == (0, 0, 0, 0):
        break
      case .flatten:
        flattenedBlock = graph.values[node.inputs[0]].shape.dropFirst(2).reduce(1, *)
      case .conv2d(let conv) where conv.groups == 1 && flattenedBlock == nil:
        let (o, c, kh, kw) = (conv.weight.shape[0], conv.weight.shape[1], conv.kernel.h, conv.kernel.w)
        let delta = (0..<o).map { out in
          constants.reduce(0.0) { sum, entry in
            let base = (out * c + entry.key) * kh * kw
            return sum + entry.value * conv.weight.scalars[base..<base + kh * kw].reduce(0.0) { $0 + Double($1) }
          }
        }
        let padded = conv.padding != (0, 0, 0, 0) && kh * kw > 1
        let shape = graph.values[node.inputs[0]].shape
        let error = padded ? borderError(constants, conv: conv, height: shape[2], width: shape[3]) : nil
        return absorb(delta, at: readers[0], graph: &graph, topology: topology, borderError: error)
      case .linear(let linear):
        let (o, f) = (linear.weight.shape[0], linear.weight.shape[1])
        let block = flattenedBlock ?? 1
        let delta = (0..<o).map { out in
          constants.reduce(0.0) { sum, entry in
            let base = out * f + entry.key * block
            return sum + entry.value * linear.weight.scalars[base..<base + block].reduce(0.0) { $0 + Double($1) }
          }
        }
        return absorb(delta, at: readers[0], graph: &graph, topology: topology, borderError: nil)
      default:
        return .failure("'\(node.name)' does not pass a constant through", lost: nil)
      }
      value = node.outputs[0]
    }
  }

  /// Adds `delta` to the bias of node `index`, or subtracts it from the running mean
  /// of the batch norm that alone reads a bias-free conv.
  static func absorb(
    _ delta: [Double], at index: Int, graph: inout Graph, topology: GraphTopology, borderError: Double?
  ) -> Outcome {
    func shifted(_ t: Tensor, by sign: Double) -> Tensor {
      Tensor(shape: t.shape, scalars: zip(t.scalars, delta).map { Float(Double($0) + sign * $1) })
    }
    let name = graph.nodes[index].name
    switch graph.nodes[index].operation {
    case .conv2d(var conv) where conv.bias != nil:
      conv.bias = shifted(conv.bias!, by: 1)
      graph.nodes[index].operation = .conv2d(conv)
      return .success(target: name, borderError: borderError)
    case .linear(var linear) where linear.bias != nil:
      linear.bias = shifted(linear.bias!, by: 1)
      graph.nodes[index].operation = .linear(linear)
      return .success(target: name, borderError: borderError)
    default:
      let readers = topology.consumers[graph.nodes[index].outputs[0]]
      guard readers.count == 1, case .batchNorm(var bn) = graph.nodes[readers[0]].operation else {
        return .failure(
          "'\(name)' has no bias and no batch norm after it to absorb the constant",
          lost: delta.map(abs).max())
      }
      bn.runningMean = shifted(bn.runningMean, by: -1)
      graph.nodes[readers[0]].operation = .batchNorm(bn)
      return .success(target: graph.nodes[readers[0]].name, borderError: borderError)
    }
  }
}
