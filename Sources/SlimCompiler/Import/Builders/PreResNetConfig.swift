/// Network Slimming's pre-activation ResNet width list (`models/preresnet.py`).
///
/// Three entries per bottleneck block, in order `[selected, conv1 out, conv2 out]`
/// (the first is how many channels the block's `select` keeps of its `bn1`), then
/// one last entry, the channels the head's `select` keeps (the `fc` input). Depth is
/// `9n + 2` with `n` blocks in each of the three stages.
public struct PreResNetConfig: Sendable, Equatable, CustomStringConvertible {
  public var widths: [Int]

  public init(_ widths: [Int]) { self.widths = widths }

  /// Blocks per stage, when the width count is `9n + 1` with `n ≥ 1`.
  public var blocksPerStage: Int? {
    widths.count >= 10 && (widths.count - 1) % 9 == 0 ? (widths.count - 1) / 9 : nil
  }

  public var depth: Int? { blocksPerStage.map { 9 * $0 + 2 } }

  /// The cfg their constructor builds when none is given, for `depth = 9n + 2`.
  public static func standard(depth: Int) -> PreResNetConfig? {
    guard depth >= 11, (depth - 2) % 9 == 0 else { return nil }
    let n = (depth - 2) / 9
    var widths: [Int] = []
    for (stage, planes) in [16, 32, 64].enumerated() {
      let first = stage == 0 ? 16 : planes * 2
      widths += [first, planes, planes]
      for _ in 1..<n { widths += [planes * 4, planes, planes] }
    }
    return PreResNetConfig(widths + [256])
  }

  /// Python rendering, as the reference code prints it.
  public var description: String { "[" + widths.map(String.init).joined(separator: ", ") + "]" }
}
