extension BaselineLayer {
  /// The conv and linear layers of an unoptimized graph, in node order, each
  /// with the batch norm that directly consumes its output counted in.
  /// Cost: O(nodes²) in the worst case (consumer search), tiny for real nets.
  static func layers(of graph: Graph) -> [BaselineLayer] {
    var layers: [BaselineLayer] = []
    for (index, node) in graph.nodes.enumerated() {
      let weight: Tensor
      let op: String
      // `if case` rather than a switch: other operations are added to the enum
      // concurrently and none of them has weights a report compares.
      if case .conv2d(let conv) = node.operation {
        weight = conv.weight
        op = "conv2d"
      } else if case .linear(let linear) = node.operation {
        weight = linear.weight
        op = "linear"
      } else {
        continue
      }
      let channels = weight.shape[0]
      let outputElements = graph.values[node.outputs[0]].shape.reduce(1, *)
      let batchNorm = graph.nodes[(index + 1)...].first { $0.inputs.contains(node.outputs[0]) }
        .flatMap { next -> GraphOperation.BatchNorm? in
          if case .batchNorm(let bn) = next.operation { return bn }
          return nil
        }
      layers.append(
        BaselineLayer(
          name: node.name, op: op, channels: channels,
          parameters: node.operation.parameterCount + (batchNorm.map { $0.gamma.count + $0.beta.count } ?? 0),
          macs: op == "conv2d" ? outputElements * (weight.count / channels) : weight.count,
          followedByBatchNorm: batchNorm != nil))
    }
    return layers
  }
}

extension Graph {
  /// Elements of every tensor inference needs: conv and linear weights and
  /// biases, BatchNorm γ, β, running mean and variance.
  var inferenceTensorElements: Int {
    nodes.reduce(0) { sum, node in
      if case .batchNorm(let bn) = node.operation { return sum + 4 * bn.channels }
      return sum + node.operation.parameterCount
    }
  }

  /// |γ| of every batch norm, in node order.
  var batchNormGammaMagnitudes: [Double] {
    nodes.flatMap { node -> [Double] in
      if case .batchNorm(let bn) = node.operation { return bn.gamma.scalars.map { Double(abs($0)) } }
      return []
    }
  }
}
