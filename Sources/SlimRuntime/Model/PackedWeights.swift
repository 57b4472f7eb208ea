/// The optional `PACK` section (format 1.3): float32 convolution weights stored a
/// second time, already in `BlockedConv2D`'s layout, so that a hosted session uses
/// them in place instead of repacking at creation (see `Formats/slim-v1.md`).
/// Readers that run only the plain kernels (firmware) never look at it.
enum PackedWeights {
  /// Validates the section against the validated operators and returns, per
  /// operator, the byte offset of its packed weights in `bytes` (nil for none).
  /// An empty section (absent) gives all nil. Cost: O(entries + operators).
  static func parse(
    _ bytes: UnsafeRawBufferPointer, geometries: [OperatorGeometry]
  ) throws(SlimError) -> [Int?] {
    var offsets = [Int?](repeating: nil, count: geometries.count)
    guard bytes.count > 0 else { return offsets }
    var reader = ByteReader(bytes, section: SlimFormat.packedWeightsTag)
    let lanes = try reader.readU32()
    let count = try reader.readU32()
    try reader.skip(8)
    guard lanes == UInt32(SlimFormat.packedWeightsLanes) else {
      throw .invalidPackedWeights(entry: 0, reason: .lanes(lanes))
    }
    // UInt32 comparisons first, so that no conversion below can trap on 32-bit targets.
    guard count <= UInt32(clamping: geometries.count),
      SlimFormat.packedWeightsHeaderSize + Int(count) * SlimFormat.packedWeightsEntrySize <= bytes.count
    else {
      throw .invalidPackedWeights(entry: 0, reason: .entryCount(count))
    }
    let tableEnd = SlimFormat.packedWeightsHeaderSize + Int(count) * SlimFormat.packedWeightsEntrySize
    var previous = -1
    // The entries' data may not overlap: each starts at or after the previous one's end.
    var dataEnd = tableEnd
    for entry in 0..<Int(count) {
      func fail(_ reason: SlimError.PackedWeightsProblem) -> SlimError {
        .invalidPackedWeights(entry: entry, reason: reason)
      }
      let index = try reader.readU32()
      try reader.skip(4)
      let offset = try reader.readU64()
      let byteSize = try reader.readU64()
      guard index < UInt32(clamping: geometries.count), Int(index) > previous else {
        throw fail(.operatorIndex(index))
      }
      previous = Int(index)
      guard case .conv2d(let g) = geometries[previous], BlockedConv2D.isEligible(g) else {
        throw fail(.notBlockedConvolution(operator: previous))
      }
      let expected = BlockedConv2D.packedCount(g) * MemoryLayout<Float>.size
      guard byteSize == UInt64(expected) else { throw fail(.byteSize(declared: byteSize, expected: expected)) }
      // Compared in UInt64 first, so the conversions below are exact on 32-bit targets.
      guard offset % UInt64(SlimFormat.planAlignment) == 0, offset >= UInt64(dataEnd),
        offset <= UInt64(bytes.count), UInt64(bytes.count) - offset >= byteSize
      else { throw fail(.dataOutOfBounds) }
      offsets[previous] = Int(offset)
      dataEnd = Int(offset) + expected
    }
    return offsets
  }
}
