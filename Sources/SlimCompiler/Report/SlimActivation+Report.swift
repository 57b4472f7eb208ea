import SlimRuntime

extension SlimActivation {
  /// The activation's name in reports (`fused`): the case name without parameters, so
  /// report consumers see a fixed vocabulary (Formats/report.md).
  var reportName: String {
    switch self {
    case .none: return "none"
    case .relu: return "relu"
    case .relu6: return "relu6"
    case .leakyRelu: return "leakyRelu"
    case .sigmoid: return "sigmoid"
    case .hardSigmoid: return "hardSigmoid"
    case .hardSwish: return "hardSwish"
    case .clip: return "clip"
    }
  }
}
