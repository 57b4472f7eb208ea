/// Merges a zero `pad` into the one conv or average pool that reads it, as that operation's
/// own zero padding: a conv always (padding is zeros either way), an average pool only
/// when it counts padding in its divisor and is not in ceil mode (so every window and
/// divisor stay the same). Max pooling is never a target: its padding never wins, a
/// padded zero can. The merged padding must stay below the kernel extent, the format's
/// rule; otherwise the pad stays a `pad` record.
public enum PadFolding {
  /// Rewrites `graph` in place; returns the number of pads folded. Cost: O(nodes²).
  @discardableResult
  public static func apply(to graph: inout Graph) -> Int {
    var folded = 0
    var index = 0
    while index < graph.nodes.count {
      let node = graph.nodes[index]
      guard node.inputs.count == 1, let producer = graph.soleProducer(of: node.inputs[0]),
        case .pad(let pad) = graph.nodes[producer].operation, pad.value == 0,
        let merged = merge(pad, into: node.operation)
      else {
        index += 1
        continue
      }
      graph.nodes[index].operation = merged
      graph.nodes[index].inputs = graph.nodes[producer].inputs
      graph.nodes.remove(at: producer)
      folded += 1
      // The consumer moved up one place; look at it again (another pad may precede it).
      index = producer
    }
    return folded
  }

  /// `operation` with `pad` added to its padding, or nil when it cannot take it.
  static func merge(_ pad: GraphOperation.Pad2D, into operation: GraphOperation) -> GraphOperation? {
    func add(_ p: (top: Int, left: Int, bottom: Int, right: Int)) -> (top: Int, left: Int, bottom: Int, right: Int) {
      (p.top + pad.top, p.left + pad.left, p.bottom + pad.bottom, p.right + pad.right)
    }
    switch operation {
    case .conv2d(var conv):
      let p = add(conv.padding)
      let extentH = conv.dilation.h * (conv.kernel.h - 1) + 1, extentW = conv.dilation.w * (conv.kernel.w - 1) + 1
      guard max(p.top, p.bottom) < extentH, max(p.left, p.right) < extentW else { return nil }
      conv.padding = p
      return .conv2d(conv)
    case .avgPool2d(var pool) where pool.countIncludePad && !pool.ceilMode:
      let p = add(pool.padding)
      guard max(p.top, p.bottom) < pool.kernel.h, max(p.left, p.right) < pool.kernel.w else { return nil }
      pool.padding = p
      return .avgPool2d(pool)
    default:
      return nil
    }
  }
}
