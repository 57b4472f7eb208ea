/// Emits pickle protocol 2 for the data a PyTorch checkpoint holds: dicts, lists,
/// strings, ints, floats, and tensors through `torch._utils._rebuild_tensor_v2`
/// with persistent-id storages.
///
/// We write our own because no Swift package writes pickles, and because it lets
/// us emit only the globals `torch.load(weights_only=True)` allows:
/// `collections.OrderedDict`, `torch._utils._rebuild_tensor_v2`, `torch.FloatStorage`
/// and `torch.LongStorage`; nothing else can appear in the output.
struct PickleWriter {
  private(set) var bytes: [UInt8] = [0x80, 2]  // PROTO 2

  /// A value this writer can emit.
  indirect enum Value {
    case int(Int)
    case string(String)
    case list([Value])
    case dict([(String, Value)])
    case orderedDict([(String, Value)])
    /// A tensor backed by storage entry `key` (`data/<key>` in the archive).
    case tensor(storageKey: String, storage: StorageKind, shape: [Int])
  }

  /// The allowlisted storage classes.
  enum StorageKind: String {
    case float = "FloatStorage"
    case long = "LongStorage"
  }

  mutating func write(_ value: Value) {
    switch value {
    case .int(let v):
      if let small = Int32(exactly: v) {
        bytes.append(0x4A)  // BININT
        bytes += withUnsafeBytes(of: small.littleEndian, Array.init)
      } else {
        bytes += [0x8A, 8]  // LONG1, 8 bytes little-endian two's complement
        bytes += withUnsafeBytes(of: Int64(v).littleEndian, Array.init)
      }
    case .string(let s):
      let utf8 = Array(s.utf8)
      bytes.append(0x58)  // BINUNICODE
      bytes += withUnsafeBytes(of: UInt32(utf8.count).littleEndian, Array.init)
      bytes += utf8
    case .list(let items):
      bytes += [0x5D, 0x28]  // EMPTY_LIST, MARK
      for item in items { write(item) }
      bytes.append(0x65)  // APPENDS
    case .dict(let pairs):
      bytes += [0x7D, 0x28]  // EMPTY_DICT, MARK
      writePairs(pairs)
    case .orderedDict(let pairs):
      emptyOrderedDict()
      bytes.append(0x28)
      writePairs(pairs)
    case .tensor(let key, let storage, let shape):
      global("torch._utils", "_rebuild_tensor_v2")
      bytes.append(0x28)  // MARK: the argument tuple
      bytes.append(0x28)  // MARK: the persistent id tuple
      write(.string("storage"))
      global("torch", storage.rawValue)
      write(.string(key))
      write(.string("cpu"))
      write(.int(shape.reduce(1, *)))
      bytes += [0x74, 0x51]  // TUPLE, BINPERSID
      write(.int(0))  // storage offset
      tuple(shape)
      var strides = [Int](repeating: 1, count: shape.count)
      for i in stride(from: shape.count - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * shape[i + 1] }
      tuple(strides)
      bytes.append(0x89)  // NEWFALSE: requires_grad
      emptyOrderedDict()  // backward hooks
      bytes += [0x74, 0x52]  // TUPLE, REDUCE
    }
  }

  /// The finished pickle.
  mutating func finish() -> [UInt8] {
    bytes.append(0x2E)  // STOP
    return bytes
  }

  private mutating func writePairs(_ pairs: [(String, Value)]) {
    for (key, value) in pairs {
      write(.string(key))
      write(value)
    }
    bytes.append(0x75)  // SETITEMS
  }

  private mutating func tuple(_ values: [Int]) {
    bytes.append(0x28)
    for v in values { write(.int(v)) }
    bytes.append(0x74)
  }

  private mutating func emptyOrderedDict() {
    global("collections", "OrderedDict")
    bytes += [0x29, 0x52]  // EMPTY_TUPLE, REDUCE
  }

  private mutating func global(_ module: String, _ name: String) {
    bytes.append(0x63)  // GLOBAL
    bytes += Array("\(module)\n\(name)\n".utf8)
  }
}
