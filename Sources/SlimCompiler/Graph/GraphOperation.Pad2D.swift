extension GraphOperation {
  /// Zero padding of the H and W axes of a `[1, C, H, W]` value (ONNX's constant-mode Pad
  /// with value 0); `PadFolding` merges it into a following conv's padding when it can.
  public struct Pad2D: Sendable, Equatable {
    public var top: Int
    public var left: Int
    public var bottom: Int
    public var right: Int

    /// Precondition: every pad ≥ 0.
    public init(top: Int, left: Int, bottom: Int, right: Int) {
      self.top = top
      self.left = left
      self.bottom = bottom
      self.right = right
    }
  }
}
