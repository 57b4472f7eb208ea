import SlimRuntime

extension ModelReport {
  /// Adds the comparison with `source`: channels before → after per conv and
  /// linear layer (the k-th of the model matched with the k-th of the
  /// baseline), totals and ratios, and for a checkpoint with batch norms the
  /// |γ| distribution and pruning threshold.
  ///
  /// `percent` (0 ..< 1) gives the threshold as `vggprune.py` computes it;
  /// nil derives it from the γ and the kept widths. Throws
  /// `baselineMismatch` when the layers do not line up (count or kind) and
  /// `invalidPercent` for a percent outside 0 ..< 1.
  public mutating func compare(with source: ReportBaselineSource, percent: Double? = nil) throws(ReportError) {
    if let percent, !(0..<1).contains(percent) { throw .invalidPercent(percent) }
    var baseline: ReportBaseline
    switch source {
    case .checkpoint(let imported, let fileBytes):
      let layers = BaselineLayer.layers(of: imported.graph)
      baseline = ReportBaseline(
        kind: .checkpoint, path: imported.sourceFile, fileBytes: fileBytes,
        parameters: imported.graph.nodes.reduce(0) { $0 + $1.operation.parameterCount },
        macs: layers.reduce(0) { $0 + $1.macs }, weightBytes: 4 * imported.graph.inferenceTensorElements,
        arenaBytes: nil, layers: layers, ratios: ReportRatios())
    case .slim(let model, let path):
      let other = ModelReport(model: model, path: path)
      baseline = ReportBaseline(
        kind: .slim, path: path, fileBytes: other.totals.fileBytes, parameters: other.totals.parameters,
        macs: other.totals.macs, weightBytes: other.totals.weightBytes, arenaBytes: other.totals.arenaBytes,
        layers: BaselineLayer.layers(of: model), ratios: ReportRatios())
    }
    try matchLayers(baseline.layers)
    baseline.ratios = ReportRatios(totals, over: baseline)
    self.baseline = baseline

    if case .checkpoint(let imported, _) = source {
      let gammas = imported.graph.batchNormGammaMagnitudes
      if !gammas.isEmpty {
        let kept = zip(layers.filter { $0.channels != nil }, baseline.layers)
          .filter { $0.1.followedByBatchNorm }.reduce(0) { $0 + $1.0.channels!.after }
        gamma = GammaDistribution(magnitudes: gammas, kept: kept, percent: percent)
      }
    }
  }

  /// Writes `channels`, `baselineLayer` and `batchNorm` into the rows with
  /// weights; leaves the rows unchanged when it throws.
  private mutating func matchLayers(_ baselineLayers: [BaselineLayer]) throws(ReportError) {
    var layers = self.layers
    let weighted = layers.indices.filter { ReportLayer.isWeighted(layers[$0].op) }
    guard weighted.count == baselineLayers.count else {
      throw .baselineMismatch(
        "the model has \(weighted.count) conv/linear layers, the baseline \(baselineLayers.count)")
    }
    for (row, base) in zip(weighted, baselineLayers) {
      guard layers[row].op == base.op else {
        throw .baselineMismatch("layer \(row) is \(layers[row].op), the baseline's \(base.name) is \(base.op)")
      }
      let after = layers[row].op == "conv2d" ? layers[row].outputShape[1] : layers[row].outputShape.last!
      layers[row].channels = ChannelChange(before: base.channels, after: after)
      layers[row].baselineLayer = base.name
      layers[row].fused.removeAll { $0 == "batchNorm" }
      if base.followedByBatchNorm { layers[row].fused.insert("batchNorm", at: 0) }
    }
    self.layers = layers
  }
}

extension ReportLayer {
  /// Whether a row's op (by name) is a conv or linear layer.
  static func isWeighted(_ op: String) -> Bool { op == "conv2d" || op == "linear" }
}
