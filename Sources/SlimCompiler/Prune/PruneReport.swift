import Foundation

/// The text `slim-prune` prints: the criterion's decisions, per-layer widths,
/// parameters and MACs before and after, totals, compensation and verification.
public struct PruneReport: Sendable {
  public var result: PruneResult
  public var options: PruneOptions
  /// Whether to print the family's `cfg` line: an ONNX model has no cfg to fine-tune with.
  public var showsConfig: Bool

  public init(result: PruneResult, options: PruneOptions, showsConfig: Bool = true) {
    self.result = result
    self.options = options
    self.showsConfig = showsConfig
  }

  /// Layers whose criterion wanted fewer than `--min-channels` channels.
  public var flooredLayers: [String] { result.masks.layers.filter(\.hitFloor).map(\.name) }

  public var text: String {
    var lines: [String] = []
    switch options.method {
    case .slimming:
      let t = result.masks.threshold.map { String(format: "%.6g", Double($0)) } ?? "?"
      lines.append("method slimming, percent \(options.percent): global |gamma| threshold \(t)")
    case .l1, .l2:
      lines.append("method \(options.method.rawValue), ratio \(options.ratio) per layer")
    }
    if showsConfig { lines.append("cfg \(result.config)") }
    let names = Dictionary(result.pruned.nodes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    lines.append(pad(["decision", "kind", "channels"]))
    for decision in result.masks.layers {
      var cells = [decision.name, decision.kind.rawValue, "\(decision.before) -> \(decision.after)"]
      if decision.hitFloor { cells.append("(hit --min-channels \(options.minChannels))") }
      if let note = decision.note { cells.append("(\(note))") }
      lines.append(pad(cells))
    }
    lines.append(pad(["layer", "op", "out channels", "params", "MACs"]))
    for (index, node) in result.original.nodes.enumerated() {
      let a = LayerCost.of(index, in: result.original)
      guard a.parameters > 0 || a.macs > 0, let prunedIndex = names[node.name] else { continue }
      let b = LayerCost.of(prunedIndex, in: result.pruned)
      let widthBefore = result.original.values[node.outputs[0]].shape[1]
      let widthAfter = result.pruned.values[result.pruned.nodes[prunedIndex].outputs[0]].shape[1]
      lines.append(
        pad([
          node.name, Self.kind(node.operation), "\(widthBefore) -> \(widthAfter)",
          "\(a.parameters) -> \(b.parameters)", "\(a.macs) -> \(b.macs)",
        ]))
    }
    let before = LayerCost.total(result.original), after = LayerCost.total(result.pruned)
    lines.append(
      "parameters \(before.parameters) -> \(after.parameters) (\(percent(after.parameters, before.parameters)) kept)")
    lines.append("MACs \(before.macs) -> \(after.macs) (\(percent(after.macs, before.macs)) kept)")
    if !flooredLayers.isEmpty {
      lines.append("layers kept at the --min-channels floor: \(flooredLayers.joined(separator: ", "))")
    }
    if let compensation = result.masks.compensation {
      lines.append(contentsOf: Self.compensationLines(compensation))
    }
    if let error = result.compensationError {
      lines.append("compensation error (constant channels vs pruned): \(error)")
    }
    lines.append("verification (masked vs pruned, \(options.probeCount) probes): \(result.verification)")
    lines.append("change (original vs pruned): \(result.change)")
    return lines.joined(separator: "\n")
  }

  static func kind(_ operation: GraphOperation) -> String {
    switch operation {
    case .conv2d: "conv"
    case .batchNorm: "bn"
    case .linear: "linear"
    case .selectChannels: "select"
    default: "other"
    }
  }

  private func pad(_ cells: [String]) -> String {
    let widths = [24, 10, 12, 20, 26]
    return cells.enumerated().map { i, c in
      i < widths.count ? c.padding(toLength: max(widths[i], c.count + 1), withPad: " ", startingAt: 0) : c
    }.joined()
  }

  private func percent(_ a: Int, _ b: Int) -> String {
    String(format: "%.1f%%", b > 0 ? 100 * Double(a) / Double(b) : 0)
  }
}
