/// Builds a dense `Tensor` from a strided view of a storage.
///
/// Torch saves views as (storage, offset, size, stride), so a transposed
/// weight or a slice of a shared buffer arrives as a non-contiguous view.
/// The view is validated against the storage with overflow-checked arithmetic
/// and then gathered row by row with unaligned loads straight from the
/// archive bytes, without per-element slicing.
enum StridedGather {
  /// Validates the view and returns the gathered tensor.
  static func tensor(
    storage: TorchStorage, offset: Int, shape: [Int], strides: [Int], elementBudget: inout Int
  ) throws(CheckpointError) -> Tensor {
    let count = try validate(storage: storage, offset: offset, shape: shape, strides: strides)
    if count > elementBudget {
      throw .tooLarge(what: "total tensor elements", limit: elementBudget)
    }
    elementBudget -= count
    let scalars = [Float](unsafeUninitializedCapacity: count) { output, initialized in
      if count > 0, let base = output.baseAddress {
        gather(storage: storage, offset: offset, shape: shape, strides: strides, into: base)
      }
      initialized = count
    }
    return Tensor(shape: shape, scalars: scalars, sourceDType: storage.elementType)
  }

  /// Checks sizes and strides and that every addressed element lies inside
  /// the storage; returns the element count.
  private static func validate(
    storage: TorchStorage, offset: Int, shape: [Int], strides: [Int]
  ) throws(CheckpointError) -> Int {
    let outOfBounds = CheckpointError.tensorOutOfBounds(key: storage.key)
    guard shape.count == strides.count, offset >= 0 else { throw outOfBounds }
    var count = 1
    var lastIndex = offset
    for (size, stride) in zip(shape, strides) {
      guard size >= 0, stride >= 0 else { throw outOfBounds }
      let (product, overflow) = count.multipliedReportingOverflow(by: size)
      guard !overflow else { throw outOfBounds }
      count = product
      if size > 0 {
        let (reach, reachOverflow) = (size - 1).multipliedReportingOverflow(by: stride)
        let (sum, sumOverflow) = lastIndex.addingReportingOverflow(reach)
        guard !reachOverflow, !sumOverflow else { throw outOfBounds }
        lastIndex = sum
      }
    }
    if count > 0, lastIndex >= storage.count { throw outOfBounds }
    return count
  }

  /// Copies the view into `output`, converting each element to Float.
  private static func gather(
    storage: TorchStorage, offset: Int, shape: [Int], strides: [Int],
    into output: UnsafeMutablePointer<Float>
  ) {
    storage.bytes.withUnsafeBytes { raw in
      guard let rowLength = shape.last, let rowStride = strides.last else {
        convertRow(raw, storage.elementType, start: offset, count: 1, stride: 1, into: output)
        return
      }
      if isContiguous(shape: shape, strides: strides) {
        let total = shape.reduce(1, *)
        convertRow(raw, storage.elementType, start: offset, count: total, stride: 1, into: output)
        return
      }
      // Odometer over all dimensions but the last.
      let outerRank = shape.count - 1
      var index = [Int](repeating: 0, count: outerRank)
      var start = offset
      var destination = output
      let rows = shape.dropLast().reduce(1, *)
      for _ in 0..<rows {
        convertRow(
          raw, storage.elementType, start: start, count: rowLength, stride: rowStride,
          into: destination)
        destination += rowLength
        var dimension = outerRank - 1
        while dimension >= 0 {
          index[dimension] += 1
          start += strides[dimension]
          if index[dimension] < shape[dimension] { break }
          start -= strides[dimension] * shape[dimension]
          index[dimension] = 0
          dimension -= 1
        }
      }
    }
  }

  /// Row-major contiguity, ignoring strides of size-1 dimensions (torch
  /// leaves arbitrary strides there).
  private static func isContiguous(shape: [Int], strides: [Int]) -> Bool {
    var expected = 1
    for dimension in stride(from: shape.count - 1, through: 0, by: -1) {
      if shape[dimension] != 1, strides[dimension] != expected { return false }
      expected *= shape[dimension]
    }
    return true
  }

  /// Converts `count` elements starting at element `start`, `stride` apart.
  /// Bounds were validated by `validate`.
  private static func convertRow(
    _ raw: UnsafeRawBufferPointer, _ type: Tensor.DType, start: Int, count: Int, stride: Int,
    into output: UnsafeMutablePointer<Float>
  ) {
    func load<T: FixedWidthInteger>(_: T.Type, _ index: Int) -> T {
      T(littleEndian: raw.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self))
    }
    switch type {
    case .float32:
      for i in 0..<count { output[i] = Float(bitPattern: load(UInt32.self, start + i * stride)) }
    case .float16:
      for i in 0..<count {
        output[i] = ReducedFloat.float(fromHalfBits: load(UInt16.self, start + i * stride))
      }
    case .bfloat16:
      for i in 0..<count {
        output[i] = ReducedFloat.float(fromBFloat16Bits: load(UInt16.self, start + i * stride))
      }
    case .float64:
      for i in 0..<count {
        output[i] = Float(Double(bitPattern: load(UInt64.self, start + i * stride)))
      }
    case .int64:
      for i in 0..<count { output[i] = Float(load(Int64.self, start + i * stride)) }
    case .int32:
      for i in 0..<count { output[i] = Float(load(Int32.self, start + i * stride)) }
    case .int16:
      for i in 0..<count { output[i] = Float(load(Int16.self, start + i * stride)) }
    case .int8:
      for i in 0..<count { output[i] = Float(load(Int8.self, start + i * stride)) }
    case .uint8:
      for i in 0..<count { output[i] = Float(load(UInt8.self, start + i * stride)) }
    case .bool:
      for i in 0..<count { output[i] = load(UInt8.self, start + i * stride) == 0 ? 0 : 1 }
    }
  }

  /// Bytes per element of `type`.
  static func elementSize(_ type: Tensor.DType) -> Int {
    switch type {
    case .float64, .int64: return 8
    case .float32, .int32: return 4
    case .float16, .bfloat16, .int16: return 2
    case .int8, .uint8, .bool: return 1
    }
  }
}
