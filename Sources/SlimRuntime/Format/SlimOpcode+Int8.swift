extension SlimOpcode {
  /// Whether the opcode is one of format 1.1's integer operators (20...30), whose operands
  /// are int8/int32 (uint8 pixels for `quantizePixels`) and whose clamp lives in the params
  /// rather than the activation field.
  public var isInt8: Bool { (20...30).contains(rawValue) }
}
