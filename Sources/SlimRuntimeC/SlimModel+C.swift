import SlimRuntime

// The model half of `include/slim.h`. A `slim_model *` is a retained
// `SlimModel` (Unmanaged); the C caller owns that one reference.

@_cdecl("slim_model_open")
public func slimModelOpen(
  _ bytes: UnsafeRawPointer?, _ byteCount: Int, _ model: UnsafeMutablePointer<OpaquePointer?>?,
  _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int
) -> Int32 {
  guard let model else {
    writeMessage("model (the out-parameter) is NULL", to: message, capacity: messageCapacity)
    return SlimStatus.invalidArgument.rawValue
  }
  model.pointee = nil
  guard let bytes, byteCount > 0 else {
    writeMessage("bytes is NULL or byte_count is 0", to: message, capacity: messageCapacity)
    return SlimStatus.invalidArgument.rawValue
  }
  do {
    let loaded = try SlimModel(borrowing: UnsafeRawBufferPointer(start: bytes, count: byteCount))
    model.pointee = OpaquePointer(Unmanaged.passRetained(loaded).toOpaque())
    writeMessage("", to: message, capacity: messageCapacity)
    return SlimStatus.ok.rawValue
  } catch {
    writeMessage(error.description, to: message, capacity: messageCapacity)
    return SlimStatus(error).rawValue
  }
}

@_cdecl("slim_model_close")
public func slimModelClose(_ model: OpaquePointer?) {
  guard let model else { return }
  Unmanaged<SlimModel>.fromOpaque(UnsafeRawPointer(model)).release()
}

@_cdecl("slim_model_arena_size")
public func slimModelArenaSize(_ model: OpaquePointer?) -> Int {
  guard let model = borrowModel(model) else { return 0 }
  return model.arenaSize
}

@_cdecl("slim_model_io_count")
public func slimModelIOCount(_ model: OpaquePointer?, _ io: Int32) -> Int {
  guard let model = borrowModel(model), let indices = tensorIndices(model, io) else { return 0 }
  return indices.count
}

@_cdecl("slim_model_io_shape")
public func slimModelIOShape(
  _ model: OpaquePointer?, _ io: Int32, _ index: Int, _ dims: UnsafeMutablePointer<Int>?,
  _ rank: UnsafeMutablePointer<Int>?, _ elementCount: UnsafeMutablePointer<Int>?
) -> Int32 {
  guard let model = borrowModel(model), let indices = tensorIndices(model, io), indices.indices.contains(index)
  else { return SlimStatus.invalidArgument.rawValue }
  let tensor = model.tensors[indices[index]]
  if let dims {
    // Validated rank is 1...SLIM_MAX_RANK, so dims[4] always suffices.
    for (axis, extent) in tensor.shape.enumerated() { dims[axis] = extent }
  }
  rank?.pointee = tensor.shape.count
  elementCount?.pointee = tensor.elementCount
  return SlimStatus.ok.rawValue
}

/// `slim_model_io_dtype`: the `SlimDType` raw value is the header's `slim_dtype`.
@_cdecl("slim_model_io_dtype")
public func slimModelIODType(
  _ model: OpaquePointer?, _ io: Int32, _ index: Int, _ dtype: UnsafeMutablePointer<Int32>?
) -> Int32 {
  guard let model = borrowModel(model), let indices = tensorIndices(model, io), indices.indices.contains(index),
    let dtype
  else { return SlimStatus.invalidArgument.rawValue }
  dtype.pointee = Int32(model.tensors[indices[index]].dtype.rawValue)
  return SlimStatus.ok.rawValue
}

/// The model behind a C handle, without taking a reference; nil for NULL.
func borrowModel(_ handle: OpaquePointer?) -> SlimModel? {
  guard let handle else { return nil }
  return Unmanaged<SlimModel>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
}

/// The graph input (`SLIM_INPUT`) or output (`SLIM_OUTPUT`) tensor indices;
/// nil for any other `slim_io` value.
private func tensorIndices(_ model: SlimModel, _ io: Int32) -> [Int]? {
  switch io {
  case 0: model.inputIndices
  case 1: model.outputIndices
  default: nil
  }
}
