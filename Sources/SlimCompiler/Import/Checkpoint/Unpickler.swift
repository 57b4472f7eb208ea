/// A data-only reader for the pickle streams inside PyTorch checkpoints.
///
/// Why our own: there is no pickle library for Swift, and even if there were,
/// a general unpickler is the wrong tool. Pickle is a small stack machine
/// whose GLOBAL + REDUCE opcodes import and call arbitrary Python callables
/// (`os.system`, `builtins.eval` ...), so loading an untrusted `.pt` with
/// plain `pickle` runs code. Torch's answer is its `weights_only` loader: an
/// unpickler that only resolves an allowlist of data globals. This type is
/// that security boundary for slim. It executes nothing: the allowlist in
/// `TorchGlobal` is checked the moment a global is named, and the few
/// allowlisted callables (OrderedDict, the tensor rebuild helpers, torch.Size
/// ...) are interpreted by Swift code here.
///
/// It implements the protocol 2–5 opcodes torch writes (see `PickleOpcode`),
/// caps depth, stack, memo, containers, strings and input size
/// (`CheckpointLimits`), and reports every problem as a typed error with the
/// byte offset of the opcode.
struct Unpickler {
  /// Returns the bytes of archive entry `data/<key>`.
  typealias StorageLoader = (String) throws(CheckpointError) -> ArraySlice<UInt8>

  private let bytes: [UInt8]
  private let limits: CheckpointLimits
  private let loadStorage: StorageLoader
  private var position = 0
  /// Offset of the opcode being executed, for error messages.
  private var opcodeOffset = 0
  private var stack: [PickleItem] = []
  /// Stack heights at each open MARK.
  private var marks: [Int] = []
  private var memo: [Int: PickleItem] = [:]
  private var storages: [String: ArraySlice<UInt8>] = [:]
  private var elementBudget: Int

  /// Reads one pickle and returns its value.
  static func unpickle(
    _ bytes: [UInt8], limits: CheckpointLimits, loadStorage: @escaping StorageLoader
  ) throws(CheckpointError) -> PickleValue {
    if bytes.count > limits.maxPickleBytes {
      throw .tooLarge(what: "data.pkl size", limit: limits.maxPickleBytes)
    }
    var unpickler = Unpickler(bytes: bytes, limits: limits, loadStorage: loadStorage)
    let root = try unpickler.run()
    var frozen: [ObjectIdentifier: PickleValue] = [:]
    return freeze(root, cache: &frozen)
  }

  private init(bytes: [UInt8], limits: CheckpointLimits, loadStorage: @escaping StorageLoader) {
    self.bytes = bytes
    self.limits = limits
    self.loadStorage = loadStorage
    self.elementBudget = limits.maxTotalTensorElements
  }

  // MARK: - Main loop

  private mutating func run() throws(CheckpointError) -> PickleItem {
    while true {
      opcodeOffset = position
      let byte = try readByte()
      guard let opcode = PickleOpcode(rawValue: byte) else {
        throw .unsupportedOpcode(opcode: byte, offset: opcodeOffset)
      }
      if opcode == .stop { return try pop() }
      try execute(opcode)
    }
  }

  private mutating func execute(_ opcode: PickleOpcode) throws(CheckpointError) {
    switch opcode {
    case .proto:
      let version = try readByte()
      guard version <= 5 else { throw invalid("unknown pickle protocol \(version)") }
    case .frame:
      _ = try readUInt(8)  // Frames only hint at buffering; the data follows inline.
    case .stop:
      break  // Handled by run().
    case .mark:
      if marks.count >= limits.maxDepth { throw .nestingTooDeep(limit: limits.maxDepth) }
      marks.append(stack.count)
    case .pop:
      if let mark = marks.last, mark == stack.count {
        marks.removeLast()  // POP of an empty mark region discards the mark, like CPython.
      } else {
        _ = try pop()
      }
    case .popMark:
      _ = try popMark()
    case .dup:
      try push(try peek())
    case .none, .newTrue, .newFalse, .binInt, .binInt1, .binInt2, .long1, .long4, .binFloat:
      try push(.value(try readScalar(opcode)))
    case .binUnicode, .shortBinUnicode, .binUnicode8:
      try push(.value(.string(try readString(opcode))))
    case .binBytes, .shortBinBytes, .binBytes8:
      try push(.value(.bytes(try readBytes(opcode))))
    case .emptyTuple, .tuple, .tuple1, .tuple2, .tuple3:
      try pushTuple(opcode)
    case .emptyList, .emptyDict, .emptySet:
      let kind: PickleContainer.Kind =
        opcode == .emptyList ? .list : opcode == .emptyDict ? .dict : .set
      try push(.container(PickleContainer(kind: kind)))
    case .list, .dict, .frozenSet:
      let kind: PickleContainer.Kind = opcode == .list ? .list : opcode == .dict ? .dict : .set
      try push(.container(try makeContainer(kind, from: try popMark())))
    case .append, .appends, .addItems, .setItem, .setItems:
      try extend(opcode)
    case .binPut, .longBinPut, .memoize:
      try memoize(opcode)
    case .binGet, .longBinGet:
      let index = Int(opcode == .binGet ? try readUInt(1) : try readUInt(4))
      guard let item = memo[index] else {
        throw .memoOutOfRange(index: index, offset: opcodeOffset)
      }
      try push(item)
    case .global:
      let module = try readLine()
      let name = try readLine()
      try push(.global(try TorchGlobal.resolve(module: module, name: name)))
    case .stackGlobal:
      let name = try pop()
      let module = try pop()
      guard case .value(.string(let moduleName)) = module, case .value(.string(let global)) = name
      else { throw invalid("STACK_GLOBAL needs two strings") }
      try push(.global(try TorchGlobal.resolve(module: moduleName, name: global)))
    case .reduce, .newObj:
      let arguments = try pop()
      let callable = try pop()
      try push(try call(callable, arguments, isNewObj: opcode == .newObj))
    case .build:
      try build(state: try pop())
    case .binPersID:
      try push(.storage(try persistentLoad(try pop())))
    }
  }

  // MARK: - Reading operands

  private mutating func readByte() throws(CheckpointError) -> UInt8 {
    guard position < bytes.count else { throw .truncated(what: "pickle data") }
    defer { position += 1 }
    return bytes[position]
  }

  /// Little-endian unsigned integer of `width` (1, 2, 4 or 8) bytes.
  private mutating func readUInt(_ width: Int) throws(CheckpointError) -> UInt64 {
    let value = try ByteChecks.uint(bytes, at: position, width: width, "pickle data")
    position += width
    return value
  }

  /// A length operand, checked against the cap and the remaining input
  /// before anything is allocated.
  private mutating func readLength(width: Int, what: String) throws(CheckpointError) -> Int {
    let length = try readUInt(width)
    guard length <= UInt64(limits.maxStringBytes) else {
      throw .tooLarge(what: what, limit: limits.maxStringBytes)
    }
    let count = Int(length)
    try ByteChecks.require(position, count, within: bytes.count, what)
    return count
  }

  private mutating func readRaw(width: Int, what: String) throws(CheckpointError) -> ArraySlice<
    UInt8
  > {
    let count = try readLength(width: width, what: what)
    defer { position += count }
    return bytes[position..<(position + count)]
  }

  private mutating func readScalar(_ opcode: PickleOpcode) throws(CheckpointError) -> PickleValue {
    switch opcode {
    case .newTrue: return .bool(true)
    case .newFalse: return .bool(false)
    case .binInt: return .int(Int64(Int32(truncatingIfNeeded: try readUInt(4))))
    case .binInt1: return .int(Int64(try readUInt(1)))
    case .binInt2: return .int(Int64(try readUInt(2)))
    case .long1, .long4: return .int(try readLong(lengthWidth: opcode == .long1 ? 1 : 4))
    case .binFloat:
      // BINFLOAT is the one big-endian operand in pickle.
      let raw = try ByteChecks.uint(bytes, at: position, width: 8, "pickle float")
      position += 8
      return .float(Double(bitPattern: raw.byteSwapped))
    default: return .none
    }
  }

  /// A two's-complement little-endian integer; values outside Int64 are rejected.
  private mutating func readLong(lengthWidth: Int) throws(CheckpointError) -> Int64 {
    let length = try readUInt(lengthWidth)
    guard length <= UInt64(limits.maxLongBytes) else {
      throw .tooLarge(what: "pickle integer length", limit: limits.maxLongBytes)
    }
    let count = Int(length)
    try ByteChecks.require(position, count, within: bytes.count, "pickle integer")
    let digits = bytes[position..<(position + count)]
    position += count
    guard let last = digits.last else { return 0 }
    let fill: UInt8 = last & 0x80 == 0 ? 0x00 : 0xFF
    var value: UInt64 = 0
    for (index, byte) in digits.enumerated() {
      if index < 8 {
        value |= UInt64(byte) << (8 * UInt64(index))
      } else if byte != fill {
        throw invalid("integer does not fit in 64 bits")
      }
    }
    if count < 8, fill == 0xFF { value |= ~0 << (8 * UInt64(count)) }
    let signed = Int64(bitPattern: value)
    // The sign of the 64-bit result must match the encoded sign.
    guard count <= 8 || (signed < 0) == (fill == 0xFF) else {
      throw invalid("integer does not fit in 64 bits")
    }
    return signed
  }

  private mutating func readString(_ opcode: PickleOpcode) throws(CheckpointError) -> String {
    let width = opcode == .shortBinUnicode ? 1 : opcode == .binUnicode ? 4 : 8
    let raw = try readRaw(width: width, what: "pickle string")
    guard let text = String(validating: raw, as: UTF8.self) else {
      throw invalid("string is not valid UTF-8")
    }
    return text
  }

  private mutating func readBytes(_ opcode: PickleOpcode) throws(CheckpointError) -> [UInt8] {
    let width = opcode == .shortBinBytes ? 1 : opcode == .binBytes ? 4 : 8
    return Array(try readRaw(width: width, what: "pickle bytes"))
  }

  /// A newline-terminated ASCII line (GLOBAL operands), at most 256 bytes.
  private mutating func readLine() throws(CheckpointError) -> String {
    let start = position
    let end = min(bytes.count, start + 256)
    guard let newline = bytes[start..<end].firstIndex(of: 0x0A) else {
      if end == bytes.count { throw .truncated(what: "GLOBAL name") }
      throw invalid("GLOBAL name longer than 256 bytes")
    }
    position = newline + 1
    guard let text = String(validating: bytes[start..<newline], as: UTF8.self) else {
      throw invalid("GLOBAL name is not UTF-8")
    }
    return text
  }

  // MARK: - Stack

  private func invalid(_ detail: String) -> CheckpointError {
    .invalidPickle(detail, offset: opcodeOffset)
  }

  private mutating func push(_ item: PickleItem) throws(CheckpointError) {
    if stack.count >= limits.maxStackItems {
      throw .tooLarge(what: "pickle stack size", limit: limits.maxStackItems)
    }
    stack.append(item)
  }

  /// Pops the top item; items below the last mark are out of reach.
  private mutating func pop() throws(CheckpointError) -> PickleItem {
    guard let item = stack.last, stack.count > (marks.last ?? 0) else {
      throw .stackUnderflow(offset: opcodeOffset)
    }
    stack.removeLast()
    return item
  }

  private func peek() throws(CheckpointError) -> PickleItem {
    guard let item = stack.last, stack.count > (marks.last ?? 0) else {
      throw .stackUnderflow(offset: opcodeOffset)
    }
    return item
  }

  /// Removes and returns everything above the last mark. Cost: O(items above the mark).
  ///
  /// The items are copied out before they are removed: a slice still sharing the
  /// stack's buffer would make `removeSubrange` copy the whole stack, and a hostile
  /// pickle (tens of thousands of items under hundreds of marks) would take quadratic time.
  private mutating func popMark() throws(CheckpointError) -> ArraySlice<PickleItem> {
    guard let mark = marks.popLast() else { throw .stackUnderflow(offset: opcodeOffset) }
    let items = Array(stack[mark...])
    stack.removeSubrange(mark...)
    return items[...]
  }

  // MARK: - Containers

  private mutating func makeContainer(
    _ kind: PickleContainer.Kind, from items: ArraySlice<PickleItem>
  ) throws(CheckpointError) -> PickleContainer {
    let container = PickleContainer(kind: kind)
    if kind == .dict {
      try container.setItems(items, limits: limits, offset: opcodeOffset)
    } else {
      try container.append(contentsOf: items, limits: limits, offset: opcodeOffset)
    }
    return container
  }

  private mutating func pushTuple(_ opcode: PickleOpcode) throws(CheckpointError) {
    let items: ArraySlice<PickleItem>
    switch opcode {
    case .tuple: items = try popMark()
    case .tuple1, .tuple2, .tuple3:
      let count = opcode == .tuple1 ? 1 : opcode == .tuple2 ? 2 : 3
      var popped: [PickleItem] = []
      for _ in 0..<count { popped.append(try pop()) }
      items = ArraySlice(popped.reversed())
    default: items = []
    }
    try push(.container(try makeContainer(.tuple, from: items)))
  }

  /// APPEND, APPENDS, ADDITEMS, SETITEM, SETITEMS: add to the container below.
  private mutating func extend(_ opcode: PickleOpcode) throws(CheckpointError) {
    let items: ArraySlice<PickleItem>
    switch opcode {
    case .append: items = [try pop()]
    case .setItem:
      let value = try pop()
      items = [try pop(), value]
    default: items = try popMark()
    }
    guard case .container(let target) = try peek() else {
      throw invalid("\(opcode) target is not a container")
    }
    switch (opcode, target.kind) {
    case (.append, .list), (.appends, .list), (.addItems, .set):
      try target.append(contentsOf: items, limits: limits, offset: opcodeOffset)
    case (.setItem, .dict), (.setItems, .dict):
      try target.setItems(items, limits: limits, offset: opcodeOffset)
    default:
      throw invalid("\(opcode) does not apply to a \(target.kind)")
    }
  }

  private mutating func memoize(_ opcode: PickleOpcode) throws(CheckpointError) {
    let index: Int
    switch opcode {
    case .binPut: index = Int(try readUInt(1))
    case .longBinPut: index = Int(try readUInt(4))
    default: index = memo.count
    }
    let item = try peek()
    if memo.updateValue(item, forKey: index) == nil, memo.count > limits.maxMemoEntries {
      throw .tooLarge(what: "pickle memo size", limit: limits.maxMemoEntries)
    }
  }

  // MARK: - Globals

  /// REDUCE/NEWOBJ: interprets an allowlisted callable on its argument tuple.
  private mutating func call(
    _ callable: PickleItem, _ argumentItem: PickleItem, isNewObj: Bool
  ) throws(CheckpointError) -> PickleItem {
    guard case .global(let global) = callable else { throw invalid("call of a non-callable") }
    guard case .container(let tuple) = argumentItem, tuple.kind == .tuple else {
      throw invalid("arguments of \(global.displayName) are not a tuple")
    }
    let arguments = tuple.elements
    switch global {
    case .orderedDict, .set, .frozenSet:
      let kind: PickleContainer.Kind = global == .orderedDict ? .dict : .set
      return .container(try containerFrom(kind, arguments))
    case .torchSize:
      guard arguments.count == 1, case .container(let sizes) = arguments[0] else {
        throw invalid("torch.Size expects one sequence")
      }
      return .container(try makeContainer(.tuple, from: sizes.elements[...]))
    case .codecsEncode:
      guard case .value(.string(let text)) = arguments.first else {
        throw invalid("_codecs.encode expects a string")
      }
      // Protocol 2 pickles bytes as latin-1 text; code points are the bytes.
      let latin1 = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
      return .value(.bytes(latin1))
    case .rebuildTensorV2, .rebuildTensorV3:
      return .value(.tensor(try rebuildTensor(arguments, version3: global == .rebuildTensorV3)))
    case .rebuildParameter, .rebuildParameterWithState:
      guard case .value(.tensor(let tensor)) = arguments.first else {
        throw invalid("\(global.displayName) expects a tensor")
      }
      return .value(.tensor(tensor))
    case .storageClass, .dtype:
      throw invalid("\(global.displayName) cannot be called in a data-only checkpoint")
    }
  }

  /// OrderedDict(), OrderedDict([(k, v), ...]), set([...]), frozenset([...]).
  private mutating func containerFrom(
    _ kind: PickleContainer.Kind, _ arguments: [PickleItem]
  ) throws(CheckpointError) -> PickleContainer {
    guard let source = arguments.first else { return PickleContainer(kind: kind) }
    guard arguments.count == 1, case .container(let items) = source else {
      throw invalid("unexpected arguments for a \(kind)")
    }
    guard kind == .dict else { return try makeContainer(kind, from: items.elements[...]) }
    if items.kind == .dict { return try makeContainer(.dict, from: interleave(items)) }
    var flat: [PickleItem] = []
    for pair in items.elements {
      guard case .container(let tuple) = pair, tuple.count == 2 else {
        throw invalid("OrderedDict expects (key, value) pairs")
      }
      flat.append(contentsOf: tuple.elements)
    }
    return try makeContainer(.dict, from: flat[...])
  }

  private func interleave(_ dict: PickleContainer) -> ArraySlice<PickleItem> {
    var flat: [PickleItem] = []
    for (key, value) in zip(dict.elements, dict.values) {
      flat.append(key)
      flat.append(value)
    }
    return flat[...]
  }

  /// `_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])`
  /// and v3, which adds a dtype after the hooks.
  private mutating func rebuildTensor(
    _ arguments: [PickleItem], version3: Bool
  ) throws(CheckpointError) -> Tensor {
    guard arguments.count >= (version3 ? 7 : 6), case .storage(var storage) = arguments[0] else {
      throw invalid("tensor rebuild expects a storage and its view")
    }
    let offset = try integer(arguments[1])
    let shape = try integers(arguments[2])
    let strides = try integers(arguments[3])
    if version3 {
      guard case .global(.dtype(let type)) = arguments[6] else {
        throw invalid("_rebuild_tensor_v3 expects a dtype")
      }
      storage = try retype(storage, as: type)
    }
    if shape.count > limits.maxRank { throw .tooLarge(what: "tensor rank", limit: limits.maxRank) }
    return try StridedGather.tensor(
      storage: storage, offset: offset, shape: shape, strides: strides,
      elementBudget: &elementBudget)
  }

  /// Reinterprets an untyped storage's bytes as `type` (used by v3).
  private func retype(
    _ storage: TorchStorage, as type: Tensor.DType
  ) throws(CheckpointError) -> TorchStorage {
    guard storage.elementType != type else { return storage }
    let bytesUsed = storage.count * StridedGather.elementSize(storage.elementType)
    var typed = storage
    typed.elementType = type
    typed.count = bytesUsed / StridedGather.elementSize(type)
    return typed
  }

  private func integer(_ item: PickleItem) throws(CheckpointError) -> Int {
    guard case .value(.int(let value)) = item, let result = Int(exactly: value) else {
      throw invalid("expected an integer")
    }
    return result
  }

  private func integers(_ item: PickleItem) throws(CheckpointError) -> [Int] {
    guard case .container(let tuple) = item, tuple.kind == .tuple || tuple.kind == .list else {
      throw invalid("expected a tuple of integers")
    }
    var result: [Int] = []
    for element in tuple.elements { result.append(try integer(element)) }
    return result
  }

  /// BUILD sets attributes; torch uses it to attach `_metadata` to a state
  /// dict. Attribute state is metadata, not data, so it is accepted and
  /// ignored on dicts and tensors; anything else is refused.
  private mutating func build(state: PickleItem) throws(CheckpointError) {
    let target = try peek()
    switch target {
    case .container(let container) where container.kind == .dict:
      break
    case .value(.tensor):
      break
    default:
      throw invalid("BUILD on something that is not a dict or tensor")
    }
    switch state {
    case .value(.none), .container:
      break
    default:
      throw invalid("BUILD state is not a dict")
    }
  }

  /// BINPERSID: `('storage', storage_type, key, location, numel)`.
  private mutating func persistentLoad(_ pid: PickleItem) throws(CheckpointError) -> TorchStorage {
    guard case .container(let tuple) = pid, tuple.kind == .tuple, tuple.count == 5,
      case .value(.string("storage")) = tuple.elements[0],
      case .global(.storageClass(let type)) = tuple.elements[1],
      case .value(.string(let key)) = tuple.elements[2],
      case .value(.int(let declared)) = tuple.elements[4], let count = Int(exactly: declared),
      count >= 0
    else { throw invalid("persistent id is not ('storage', type, key, location, numel)") }
    let elementType = type ?? .uint8
    let data: ArraySlice<UInt8>
    if let cached = storages[key] {
      data = cached
    } else {
      data = try loadStorage(key)
      storages[key] = data
    }
    let (needed, overflow) = count.multipliedReportingOverflow(
      by: StridedGather.elementSize(elementType))
    guard !overflow, needed <= data.count else {
      throw .storageTooSmall(key: key, needed: overflow ? Int.max : needed, available: data.count)
    }
    return TorchStorage(key: key, elementType: elementType, count: count, bytes: data)
  }

  // MARK: - Result

  /// Converts reading-time items into immutable values. Shared containers
  /// are converted once (the cache keeps a DAG from expanding exponentially);
  /// recursion depth is bounded by the containers' checked heights.
  private static func freeze(
    _ item: PickleItem, cache: inout [ObjectIdentifier: PickleValue]
  ) -> PickleValue {
    switch item {
    case .value(let value):
      return value
    case .global(let global):
      return .object(global.displayName)
    case .storage(let storage):
      return .object("torch storage '\(storage.key)'")
    case .container(let container):
      if let done = cache[ObjectIdentifier(container)] { return done }
      let elements = container.elements.map { freeze($0, cache: &cache) }
      let value: PickleValue
      switch container.kind {
      case .list: value = .list(elements)
      case .tuple: value = .tuple(elements)
      case .set: value = .set(elements)
      case .dict:
        let values = container.values.map { freeze($0, cache: &cache) }
        value = .dict(zip(elements, values).map { (key: $0, value: $1) })
      }
      cache[ObjectIdentifier(container)] = value
      return value
    }
  }
}
