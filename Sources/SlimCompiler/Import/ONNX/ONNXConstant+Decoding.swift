import Foundation

extension ONNXConstant {
  /// Decodes a `TensorProto`: float, double, float16, bfloat16 and the integer and bool
  /// types, from `raw_data`, the typed fields, or an external data file inside
  /// `directory` (the model's folder; nil refuses external data).
  ///
  /// Cost: O(elements) time and memory. Every size is checked against the element
  /// count the dims give before anything is read.
  init(_ proto: Onnx_TensorProto, directory: String?) throws(ONNXImportError) {
    let name = proto.name
    func fail(_ detail: String) -> ONNXImportError { .invalidTensor(name: name, detail: detail) }
    guard proto.dims.count <= ONNXLimits.maxRank else { throw fail("rank \(proto.dims.count) is too large") }
    var count = 1
    for dim in proto.dims {
      guard dim >= 0, dim <= Int64(ONNXLimits.maxDimension) else { throw fail("dimension \(dim) is out of range") }
      count *= Int(dim)
      guard count <= ONNXLimits.maxTensorElements else {
        throw .tooLarge(what: "tensor '\(name)'", limit: ONNXLimits.maxTensorElements)
      }
    }
    let shape = proto.dims.map { Int($0) }
    guard let type = Onnx_TensorProto.DataType(rawValue: Int(proto.dataType)), let width = type.byteWidth else {
      throw fail(
        "element type \(proto.dataType) is not supported (float, double, float16, bfloat16, integers, bool are)")
    }
    let raw: [UInt8]?
    if proto.dataLocation == .external {
      raw = try Self.readExternal(proto, byteCount: count * width, directory: directory)
    } else if !proto.rawData.isEmpty {
      raw = Array(proto.rawData)
    } else {
      raw = nil
    }
    if let raw {
      guard raw.count == count * width else {
        throw fail("holds \(raw.count) bytes, its dims \(shape) need \(count * width)")
      }
      self.init(shape: shape, elements: type.decode(raw, count: count))
      return
    }
    let elements: Elements
    switch type {
    case .float: elements = .floats(proto.floatData)
    case .double: elements = .floats(proto.doubleData.map { Float($0) })
    case .float16, .bfloat16:
      // Stored in int32_data, one 16-bit pattern per element.
      let bits = proto.int32Data.map { UInt16(truncatingIfNeeded: $0) }
      elements = .floats(
        bits.map { type == .float16 ? ReducedFloat.float(fromHalfBits: $0) : ReducedFloat.float(fromBFloat16Bits: $0) })
    case .int64: elements = .integers(proto.int64Data)
    case .uint64, .uint32: elements = .integers(proto.uint64Data.map { Int64(truncatingIfNeeded: $0) })
    default: elements = .integers(proto.int32Data.map { Int64($0) })
    }
    guard elements.count == count else {
      throw fail("holds \(elements.count) elements, its dims \(shape) need \(count)")
    }
    self.init(shape: shape, elements: elements)
  }

  /// Reads an external data file named by `location`, resolved only inside `directory`
  /// (no absolute paths, no `..`), at `offset` for `length` (default: the tensor's size).
  static func readExternal(
    _ proto: Onnx_TensorProto, byteCount: Int, directory: String?
  ) throws(ONNXImportError) -> [UInt8] {
    func fail(_ detail: String) -> ONNXImportError { .externalData(name: proto.name, detail: detail) }
    var entries: [String: String] = [:]
    for entry in proto.externalData { entries[entry.key] = entry.value }
    guard let directory else { throw fail("the model was not read from a file, so there is no folder to look in") }
    guard let location = entries["location"], !location.isEmpty else { throw fail("no 'location' given") }
    let parts = location.split(separator: "/", omittingEmptySubsequences: false)
    guard !location.hasPrefix("/"), !location.contains("\\"), !location.contains("\0"),
      parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." })
    else { throw fail("location '\(location)' must be a relative path inside the model's folder") }
    func number(_ key: String) throws(ONNXImportError) -> Int? {
      guard let text = entries[key] else { return nil }
      guard let value = Int(text), value >= 0 else { throw fail("\(key) '\(text)' is not a byte count") }
      return value
    }
    let offset = try number("offset") ?? 0
    let length = try number("length") ?? byteCount
    guard length == byteCount else { throw fail("length \(length) does not match the tensor's \(byteCount) bytes") }
    let path = URL(fileURLWithPath: directory).appendingPathComponent(location).standardizedFileURL
    let folder = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
    guard path.resolvingSymlinksInPath().path.hasPrefix(folder + "/") else {
      throw fail("location '\(location)' leaves the model's folder")
    }
    guard let handle = try? FileHandle(forReadingFrom: path) else { throw fail("cannot open '\(location)'") }
    defer { try? handle.close() }
    guard let size = try? handle.seekToEnd(), size <= UInt64(ONNXLimits.maxExternalFileBytes) else {
      throw fail("'\(location)' is missing or larger than \(ONNXLimits.maxExternalFileBytes) bytes")
    }
    guard UInt64(offset) + UInt64(length) <= size else {
      throw fail("bytes \(offset)..<\(offset + length) lie beyond the end of '\(location)' (\(size) bytes)")
    }
    do {
      try handle.seek(toOffset: UInt64(offset))
      let data = try handle.read(upToCount: length) ?? Data()
      guard data.count == length else { throw fail("'\(location)' ended early") }
      return Array(data)
    } catch let error as ONNXImportError {
      throw error
    } catch {
      throw fail("cannot read '\(location)': \(error)")
    }
  }
}

extension Onnx_TensorProto.DataType {
  /// Bytes per element in `raw_data`, or nil for types the importer does not read.
  var byteWidth: Int? {
    switch self {
    case .float, .int32, .uint32: return 4
    case .double, .int64, .uint64: return 8
    case .float16, .bfloat16, .int16, .uint16: return 2
    case .int8, .uint8, .bool: return 1
    default: return nil
    }
  }

  /// Little-endian `raw_data` as elements. Precondition: `raw.count == count * byteWidth`.
  func decode(_ raw: [UInt8], count: Int) -> ONNXConstant.Elements {
    func word(_ i: Int, _ width: Int) -> UInt64 {
      var value: UInt64 = 0
      for b in 0..<width { value |= UInt64(raw[i * width + b]) << (8 * UInt64(b)) }
      return value
    }
    switch self {
    case .float: return .floats((0..<count).map { Float(bitPattern: UInt32(word($0, 4))) })
    case .double: return .floats((0..<count).map { Float(Double(bitPattern: word($0, 8))) })
    case .float16: return .floats((0..<count).map { ReducedFloat.float(fromHalfBits: UInt16(word($0, 2))) })
    case .bfloat16: return .floats((0..<count).map { ReducedFloat.float(fromBFloat16Bits: UInt16(word($0, 2))) })
    case .int64, .uint64: return .integers((0..<count).map { Int64(bitPattern: word($0, 8)) })
    case .int32: return .integers((0..<count).map { Int64(Int32(bitPattern: UInt32(word($0, 4)))) })
    case .int16: return .integers((0..<count).map { Int64(Int16(bitPattern: UInt16(word($0, 2)))) })
    case .int8: return .integers((0..<count).map { Int64(Int8(bitPattern: raw[$0])) })
    default: return .integers((0..<count).map { Int64(word($0, byteWidth ?? 1)) })
    }
  }
}
