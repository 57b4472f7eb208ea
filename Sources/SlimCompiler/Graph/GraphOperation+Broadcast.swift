extension GraphOperation {
  /// Whether `b` is one value per channel of a `[1, C, H, W]` `a` (`[1, C, 1, 1]`): the
  /// only broadcast of element-wise operations between two values (squeeze-excitation).
  public static func isPerChannel(_ b: [Int], over a: [Int]) -> Bool {
    a.count == 4 && a[0] == 1 && b == [1, a[1], 1, 1]
  }
}
