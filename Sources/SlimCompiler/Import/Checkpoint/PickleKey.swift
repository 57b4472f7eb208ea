/// A hashable form of the dict keys Python code actually uses, so that a
/// repeated key replaces the earlier value (as `dict.__setitem__` does)
/// without a quadratic scan. Other keys (tuples ...) are kept in order as given.
enum PickleKey: Hashable {
  case none
  case int(Int64)
  case float(Double)
  case string(String)
  case bytes([UInt8])

  init?(_ item: PickleItem) {
    guard case .value(let value) = item else { return nil }
    switch value {
    case .none: self = .none
    // Python: True == 1 and hash(True) == hash(1).
    case .bool(let flag): self = .int(flag ? 1 : 0)
    case .int(let number): self = .int(number)
    case .float(let number):
      if let exact = Int64(exactly: number) { self = .int(exact) } else { self = .float(number) }
    case .string(let text): self = .string(text)
    case .bytes(let data): self = .bytes(data)
    default: return nil
    }
  }
}
