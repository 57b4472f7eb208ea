/// The model with removed channels zeroed instead of removed, the reference
/// scripts' "pre-processing" step: γ and β of removed batch-norm channels, the
/// producing filters and biases of removed group channels. Each removed channel
/// is then exactly 0 wherever it flows, so the physically pruned model must
/// compute the same function; verification checks that it does.
enum MaskedModel {
  /// Cost: O(weights).
  static func mask(_ graph: Graph, plan: PrunePlan, masks: ChannelMasks) -> Graph {
    var masked = graph
    for index in masked.nodes.indices {
      let node = masked.nodes[index]
      let keep = plan.keep[node.outputs[0]]
      switch node.operation {
      case .batchNorm(var bn):
        // A batch norm whose selections drop channels is zeroed where no selection keeps them.
        let selected = masks.selectionKeep.filter { masked.nodes[$0.key].inputs == node.outputs }.map(\.value)
        let live = selected.isEmpty ? keep : (0..<bn.channels).map { c in selected.contains { $0[c] } }
        bn.gamma = bn.gamma.zeroing(where: live)
        bn.beta = bn.beta.zeroing(where: live)
        masked.nodes[index].operation = .batchNorm(bn)
      case .conv2d(var conv):
        conv.weight = conv.weight.zeroing(where: keep)
        conv.bias = conv.bias?.zeroing(where: keep)
        masked.nodes[index].operation = .conv2d(conv)
      case .linear(var linear):
        linear.weight = linear.weight.zeroing(where: keep)
        linear.bias = linear.bias?.zeroing(where: keep)
        masked.nodes[index].operation = .linear(linear)
      default:
        break
      }
    }
    return masked
  }
}
