/// Why an activation code and its parameters do not decode (see `SlimActivation.init`).
public enum SlimActivationProblem: Error, Equatable, Sendable {
  case unknownCode
  /// Activation parameter `i` (0-based, in the record's trailing activation params).
  case parameter(Int)
}
