extension GraphOperation {
  /// Constant padding of the H and W axes of a `[1, C, H, W]` value (ONNX's constant-mode
  /// Pad); `PadFolding` merges a zero pad into a following conv's padding when it can.
  public struct Pad2D: Sendable, Equatable {
    public var top: Int
    public var left: Int
    public var bottom: Int
    public var right: Int
    /// The value of the padded elements (finite).
    public var value: Float

    /// Precondition: every pad ≥ 0, `value` finite.
    public init(top: Int, left: Int, bottom: Int, right: Int, value: Float = 0) {
      self.value = value
      self.top = top
      self.left = left
      self.bottom = bottom
      self.right = right
    }
  }
}
