/// The parsed `PLAN` section: the arena size and each activation's offset.
struct MemoryPlan {
  let arenaSize: Int
  /// Arena byte offset per tensor index; meaningful for activations only.
  let offsets: [Int]

  /// Parses the plan and checks it against the tensors: one entry per
  /// activation, none for constants, offsets aligned and inside the arena.
  /// Lifetime overlaps are checked later, with the operators. Cost: O(entries).
  static func parse(_ bytes: UnsafeRawBufferPointer, tensors: [TensorDescriptor]) throws(SlimError) -> MemoryPlan {
    var reader = ByteReader(bytes, section: SlimFormat.planTag)
    let arenaSize64 = try reader.readU64()
    let alignment = try reader.readU32()
    let entryCount = try reader.readU32()
    guard alignment == UInt32(SlimFormat.planAlignment) else { throw .invalidPlan(.alignment(alignment)) }
    var activationCount = 0
    // Every activation laid end to end, each aligned: no plan needs more arena,
    // so a larger declared size could only make a session allocate for nothing.
    var endToEnd: UInt64 = 0
    for tensor in tensors where tensor.storage == .activation {
      activationCount += 1
      // byteSize ≤ 1 GiB and tensorCount ≤ 65536, so the sum stays far below 2^63.
      endToEnd += (UInt64(tensor.byteSize) + UInt64(alignment) - 1) / UInt64(alignment) * UInt64(alignment)
    }
    guard arenaSize64 <= UInt64(SlimFormat.maxSectionSize), arenaSize64 <= endToEnd,
      let arenaSize = Int(exactly: arenaSize64)
    else { throw .invalidPlan(.arenaSize(arenaSize64)) }
    guard entryCount == UInt32(activationCount) else { throw .invalidPlan(.entryCount(entryCount)) }

    var offsets = [Int](repeating: -1, count: tensors.count)
    for _ in 0..<entryCount {
      let index = try reader.readU32()
      try reader.skip(4)
      let offset = try reader.readU64()
      guard index < UInt32(tensors.count) else { throw .invalidPlan(.tensorIndexOutOfRange(index)) }
      let tensor = Int(index)
      guard tensors[tensor].storage == .activation else { throw .invalidPlan(.notActivation(tensor: tensor)) }
      guard offsets[tensor] < 0 else { throw .invalidPlan(.duplicateEntry(tensor: tensor)) }
      guard offset % UInt64(alignment) == 0 else { throw .invalidPlan(.misalignedOffset(tensor: tensor)) }
      let (end, overflow) = offset.addingReportingOverflow(UInt64(tensors[tensor].byteSize))
      guard !overflow, end <= arenaSize64 else { throw .invalidPlan(.outsideArena(tensor: tensor)) }
      offsets[tensor] = Int(offset)
    }
    guard reader.isAtEnd else { throw .invalidPlan(.trailingBytes(reader.remaining)) }
    // entryCount equals the activation count and duplicates were rejected, so
    // every activation has an entry; the loop only documents it.
    for (tensor, descriptor) in tensors.enumerated() where descriptor.storage == .activation && offsets[tensor] < 0 {
      throw .invalidPlan(.missingEntry(tensor: tensor))
    }
    return MemoryPlan(arenaSize: arenaSize, offsets: offsets)
  }
}
