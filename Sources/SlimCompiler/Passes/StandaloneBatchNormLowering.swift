/// Turns the batch norms that `BatchNormFolding` could not fold (those reading a
/// value with several readers, as in pre-activation blocks: `bn1(x)` next to the
/// residual `x`) into a per-channel scale and shift, a depthwise 1x1 `.conv2d`,
/// so that `ActivationFusion` can fuse the following ReLU into it.
///
/// A channel selection right after such a batch norm is moved in front of it
/// (selection commutes with a per-channel op), so the batch norm shrinks to the
/// selected channels and the ReLU that follows the selection becomes fusible.
/// Run it after `BatchNormFolding` and before `ActivationFusion`.
public enum StandaloneBatchNormLowering {
  /// Rewrites `graph` in place; returns the number of batch norms rewritten. Cost: O(nodes²) worst case.
  @discardableResult
  public static func apply(to graph: inout Graph) -> Int {
    moveSelectionsBeforeBatchNorms(&graph)
    var rewritten = 0
    for index in graph.nodes.indices {
      guard case .batchNorm(let bn) = graph.nodes[index].operation,
        graph.values[graph.nodes[index].inputs[0]].shape.count == 4
      else { continue }
      graph.nodes[index].operation = .conv2d(scaleAndShift(bn))
      rewritten += 1
    }
    return rewritten
  }

  /// `select(bn(x))` becomes `bn'(select(x))` with `bn'` the selected channels of `bn`,
  /// when the selection is the batch norm's only reader.
  static func moveSelectionsBeforeBatchNorms(_ graph: inout Graph) {
    for selectIndex in graph.nodes.indices {
      guard case .selectChannels(let indexes) = graph.nodes[selectIndex].operation,
        let bnIndex = graph.soleProducer(of: graph.nodes[selectIndex].inputs[0]),
        case .batchNorm(let bn) = graph.nodes[bnIndex].operation
      else { continue }
      let source = graph.nodes[bnIndex].inputs[0]
      let middle = graph.nodes[bnIndex].outputs[0]
      var selected = graph.values[source].shape
      selected[1] = indexes.count
      graph.values[middle].shape = selected
      let select = graph.nodes[selectIndex]
      graph.nodes[selectIndex].operation = .batchNorm(bn.selecting(indexes))
      graph.nodes[selectIndex].name = graph.nodes[bnIndex].name
      graph.nodes[bnIndex].operation = select.operation
      graph.nodes[bnIndex].name = select.name
    }
  }

  /// `y = x·s + (β − μ·s)` with `s = γ / √(σ² + ε)`, computed in `Double`.
  static func scaleAndShift(_ bn: GraphOperation.BatchNorm) -> GraphOperation.Conv2D {
    let scale = (0..<bn.channels).map { c -> Double in
      Double(bn.gamma.scalars[c]) / (Double(bn.runningVar.scalars[c]) + bn.epsilon).squareRoot()
    }
    let shift = (0..<bn.channels).map { c -> Float in
      Float(Double(bn.beta.scalars[c]) - Double(bn.runningMean.scalars[c]) * scale[c])
    }
    return GraphOperation.Conv2D(
      weight: Tensor(shape: [bn.channels, 1, 1, 1], scalars: scale.map { Float($0) }),
      bias: Tensor(shape: [bn.channels], scalars: shift), groups: bn.channels)
  }
}
