/// A value read from a checkpoint's pickle, restricted to plain data.
///
/// The unpickler only ever produces these cases: containers, scalars,
/// strings and tensors. Torch-internal objects (storages, dtypes, allowlisted
/// callables) are resolved while reading and only survive as `.object` with a
/// descriptive name, so consumers never see anything callable.
public enum PickleValue: Sendable {
  case none
  case bool(Bool)
  case int(Int64)
  case float(Double)
  case string(String)
  case bytes([UInt8])
  case list([PickleValue])
  case tuple([PickleValue])
  /// A dict or OrderedDict, in insertion order.
  case dict([(key: PickleValue, value: PickleValue)])
  /// A set or frozenset, in pickle order.
  case set([PickleValue])
  case tensor(Tensor)
  /// A torch object kept only as its name, e.g. `torch.float32` or a storage
  /// class that appears as a value rather than inside a tensor.
  case object(String)
}

extension PickleValue {
  /// The value for string key `key` if this is a dict holding it.
  public subscript(key: String) -> PickleValue? {
    guard case .dict(let pairs) = self else { return nil }
    for pair in pairs {
      if case .string(let candidate) = pair.key, candidate == key { return pair.value }
    }
    return nil
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var intValue: Int64? {
    if case .int(let value) = self { return value }
    return nil
  }

  /// The value as a Double; ints are converted (Python treats both as numbers).
  public var doubleValue: Double? {
    switch self {
    case .float(let value): return value
    case .int(let value): return Double(value)
    default: return nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var tensorValue: Tensor? {
    if case .tensor(let value) = self { return value }
    return nil
  }

  /// Elements of a list or tuple.
  public var listValue: [PickleValue]? {
    switch self {
    case .list(let items), .tuple(let items): return items
    default: return nil
    }
  }

  public var dictValue: [(key: PickleValue, value: PickleValue)]? {
    if case .dict(let pairs) = self { return pairs }
    return nil
  }

  public var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}
