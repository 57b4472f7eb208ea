extension GraphOperation {
  /// Whether `b` is one value per channel of a `[1, C, H, W]` `a` (`[1, C, 1, 1]`), as a
  /// squeeze-excitation gate is.
  public static func isPerChannel(_ b: [Int], over a: [Int]) -> Bool {
    a.count == 4 && a[0] == 1 && b == [1, a[1], 1, 1]
  }

  /// The numpy broadcast of shapes `a` and `b` (aligned to the right, each axis equal or 1
  /// in one of them), or nil when they do not broadcast or either has rank outside 1...4:
  /// the operand rule of element-wise operations (Formats/slim-v1.md, opcodes 6, 11–13).
  public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    guard (1...4).contains(a.count), (1...4).contains(b.count) else { return nil }
    let rank = max(a.count, b.count)
    let pa = Array(repeating: 1, count: rank - a.count) + a
    let pb = Array(repeating: 1, count: rank - b.count) + b
    var shape: [Int] = []
    for (x, y) in zip(pa, pb) {
      guard x == y || x == 1 || y == 1 else { return nil }
      shape.append(max(x, y))
    }
    return shape
  }
}
