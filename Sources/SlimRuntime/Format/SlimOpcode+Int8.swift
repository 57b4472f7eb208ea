extension SlimOpcode {
  /// Whether the opcode is one of the integer operators (20...33, format 1.1 on), whose operands
  /// are int8/int32 (uint8 pixels for `quantizePixels`) and whose clamp lives in the params
  /// rather than the activation field.
  public var isInt8: Bool { (20...33).contains(rawValue) }
}
