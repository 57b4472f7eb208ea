/// Activation fused into an operator's output (record field `activation`).
public enum SlimActivation: UInt8, Sendable {
  case none = 0
  case relu
  case relu6
}
