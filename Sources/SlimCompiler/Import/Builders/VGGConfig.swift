/// Network Slimming's VGG width list: conv widths and `M` (2x2 max pool) markers.
public struct VGGConfig: Sendable, Equatable, CustomStringConvertible {
  public enum Item: Sendable, Equatable {
    case conv(Int)
    case maxPool
  }

  public var items: [Item]

  public init(_ items: [Item]) { self.items = items }

  /// The default widths of their `models/vgg.py` for depth 11, 13, 16 and 19.
  public static func standard(depth: Int) -> VGGConfig? {
    let widths: [Int]
    switch depth {
    case 11: widths = [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512]
    case 13: widths = [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512]
    case 16: widths = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512]
    case 19:
      widths = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512]
    default: return nil
    }
    return VGGConfig(widths.map { $0 == 0 ? .maxPool : .conv($0) })
  }

  /// Conv widths in order.
  public var widths: [Int] { items.compactMap { if case .conv(let w) = $0 { w } else { nil } } }

  /// Python-style rendering, as the reference code prints it: `[64, 'M', 128]`.
  public var description: String {
    "[" + items.map { if case .conv(let w) = $0 { "\(w)" } else { "'M'" } }.joined(separator: ", ") + "]"
  }
}
