/// The pruning engine: criterion → channel groups and masks → physical pruning →
/// verification. It works on the `Graph` only; family knowledge lives in the
/// importer (building the graph) and `CheckpointExport` (writing keys back).
public enum Pruner {
  /// Prunes `graph` as `options` say and verifies the result. Throws
  /// `.verificationFailed` when the masked and pruned models disagree beyond
  /// `options.tolerance`. Cost: O(weights) plus two reference runs per probe.
  public static func prune(_ graph: Graph, options: PruneOptions) throws(PruneError) -> PruneResult {
    try options.validate()
    let groups = ChannelGroups(graph)
    let topology = GraphTopology(graph)
    var masks: ChannelMasks
    switch options.method {
    case .slimming: masks = try SlimmingCriterion.masks(graph, groups: groups, topology: topology, options: options)
    case .l1, .l2: masks = try NormCriterion.masks(graph, groups: groups, topology: topology, options: options)
    }
    var source = graph
    if options.compensate && options.method == .slimming {
      masks.compensation = Compensation.apply(to: &source, masks: masks, groups: groups, topology: topology)
    }
    let plan = try PrunePlan(source, groups: groups, masks: masks)
    let masked = MaskedModel.mask(source, plan: plan, masks: masks)
    let pruned = try PhysicalPruning.prune(masked, plan: plan)
    let verification = try compare(pruned, masked, options: options)
    guard verification.relativeDifference <= options.tolerance else {
      throw .verificationFailed(verification, tolerance: options.tolerance)
    }
    let change = try compare(pruned, graph, options: options)
    var compensationError: Comparison?
    if masks.compensation != nil {
      compensationError = try compare(pruned, constantChannels(graph, masked: masked), options: options)
    }
    return PruneResult(
      original: graph, masked: masked, pruned: pruned, masks: masks, config: PruneConfig(pruned),
      verification: verification, change: change, compensationError: compensationError)
  }

  /// `graph` with the γ the masked model zeroed also zeroed, β kept: removed channels
  /// emit their constant, which is what compensation claims to reproduce.
  static func constantChannels(_ graph: Graph, masked: Graph) -> Graph {
    var result = graph
    for index in result.nodes.indices {
      guard case .batchNorm(var bn) = result.nodes[index].operation,
        case .batchNorm(let zeroed) = masked.nodes[index].operation
      else { continue }
      bn.gamma = zeroed.gamma
      result.nodes[index].operation = .batchNorm(bn)
    }
    return result
  }

  /// Runs both graphs on the same probe inputs; the worst comparison.
  static func compare(_ candidate: Graph, _ reference: Graph, options: PruneOptions) throws(PruneError) -> Comparison {
    let shape = reference.values[reference.inputs[0]].shape
    var comparisons: [Comparison] = []
    for probe in 0..<max(options.probeCount, 1) {
      let input = Tensor(
        shape: shape, scalars: ProbeInput.normal(count: shape.reduce(1, *), seed: 0x9A0E + UInt64(probe)))
      do {
        let a = try ReferenceEngine.run(candidate, inputs: [input])[0]
        let b = try ReferenceEngine.run(reference, inputs: [input])[0]
        comparisons.append(Comparison(candidate: a.scalars, reference: b.scalars))
      } catch {
        throw .reference(error)
      }
    }
    return Comparison.worst(comparisons)!
  }
}
