/// The globals a checkpoint pickle may name: the allowlist.
///
/// This mirrors what torch's own `weights_only=True` loader accepts for plain
/// state dicts. A pickle can name any importable callable (`os.system`,
/// `builtins.eval` ...), so resolving a name is the security boundary: names
/// not listed here are rejected the moment GLOBAL/STACK_GLOBAL reads them,
/// and the listed ones are interpreted by Swift code, never called.
enum TorchGlobal: Sendable, Equatable {
  case orderedDict
  case rebuildTensorV2
  case rebuildTensorV3
  case rebuildParameter
  case rebuildParameterWithState
  /// A storage class; nil element type means `torch.storage.UntypedStorage` (bytes).
  case storageClass(Tensor.DType?)
  case dtype(Tensor.DType)
  case torchSize
  case set
  case frozenSet
  /// `_codecs.encode`, which protocol 2 uses to pickle `bytes`.
  case codecsEncode

  /// Resolves `module.name` or throws `forbiddenGlobal`.
  static func resolve(module: String, name: String) throws(CheckpointError) -> TorchGlobal {
    switch (module, name) {
    case ("collections", "OrderedDict"): return .orderedDict
    case ("torch._utils", "_rebuild_tensor_v2"): return .rebuildTensorV2
    case ("torch._utils", "_rebuild_tensor_v3"): return .rebuildTensorV3
    case ("torch._utils", "_rebuild_parameter"): return .rebuildParameter
    case ("torch._utils", "_rebuild_parameter_with_state"): return .rebuildParameterWithState
    case ("torch", "Size"): return .torchSize
    case ("builtins", "set"), ("__builtin__", "set"): return .set
    case ("builtins", "frozenset"), ("__builtin__", "frozenset"): return .frozenSet
    case ("_codecs", "encode"): return .codecsEncode
    case ("torch.storage", "UntypedStorage"), ("torch", "UntypedStorage"): return .storageClass(nil)
    case ("torch", _):
      if let type = storageTypes[name] { return .storageClass(type) }
      if let type = dtypes[name] { return .dtype(type) }
    default:
      break
    }
    throw .forbiddenGlobal(module: module, name: name)
  }

  /// A readable name for values that end up as `PickleValue.object`.
  var displayName: String {
    switch self {
    case .orderedDict: return "collections.OrderedDict"
    case .rebuildTensorV2: return "torch._utils._rebuild_tensor_v2"
    case .rebuildTensorV3: return "torch._utils._rebuild_tensor_v3"
    case .rebuildParameter: return "torch._utils._rebuild_parameter"
    case .rebuildParameterWithState: return "torch._utils._rebuild_parameter_with_state"
    case .storageClass(let type): return "torch storage (\(type?.rawValue ?? "untyped"))"
    case .dtype(let type): return "torch.\(type.rawValue)"
    case .torchSize: return "torch.Size"
    case .set: return "builtins.set"
    case .frozenSet: return "builtins.frozenset"
    case .codecsEncode: return "_codecs.encode"
    }
  }

  private static let storageTypes: [String: Tensor.DType] = [
    "FloatStorage": .float32, "HalfStorage": .float16, "BFloat16Storage": .bfloat16,
    "DoubleStorage": .float64, "LongStorage": .int64, "IntStorage": .int32,
    "ShortStorage": .int16, "CharStorage": .int8, "ByteStorage": .uint8, "BoolStorage": .bool,
  ]

  private static let dtypes: [String: Tensor.DType] = [
    "float32": .float32, "float": .float32, "float16": .float16, "half": .float16,
    "bfloat16": .bfloat16, "float64": .float64, "double": .float64, "int64": .int64,
    "long": .int64, "int32": .int32, "int": .int32, "int16": .int16, "short": .int16,
    "int8": .int8, "uint8": .uint8, "bool": .bool,
  ]
}
