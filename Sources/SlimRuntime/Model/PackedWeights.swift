/// The optional sections of float32 convolution weights stored a second time,
/// already in a fast kernel's layout, so that a hosted session uses them in place
/// instead of repacking at creation (see `Formats/slim-v1.md`): `PACK` (format 1.3,
/// `BlockedConv2D`'s layout) and `WINO` (1.4, `WinogradConv2D`'s transformed
/// weights), with one table format. Readers that run only the plain kernels
/// (firmware) never look at them.
enum PackedWeights {
  /// Which section, and so which kernel's layout.
  enum Layout {
    case blocked, winograd

    var tag: FourCC { self == .blocked ? SlimFormat.packedWeightsTag : SlimFormat.winogradWeightsTag }

    /// Whether an entry may name a convolution of geometry `g`. O(1).
    func admits(_ g: Conv2D.Geometry) -> Bool {
      self == .blocked ? BlockedConv2D.isEligible(g) : WinogradConv2D.isEligible(g)
    }

    /// Floats of an entry's data for `g`. O(1).
    func floatCount(_ g: Conv2D.Geometry) -> Int {
      self == .blocked ? BlockedConv2D.packedCount(g) : WinogradConv2D.transformedCount(g)
    }

    func error(_ entry: Int, _ reason: SlimError.PackedWeightsProblem) -> SlimError {
      self == .blocked
        ? .invalidPackedWeights(entry: entry, reason: reason) : .invalidWinogradWeights(entry: entry, reason: reason)
    }
  }

  /// Validates the section of `layout` against the validated operators and returns,
  /// per operator, the byte offset of its weights in `bytes` (nil for none).
  /// An empty section (absent) gives all nil. Cost: O(entries + operators).
  static func parse(
    _ bytes: UnsafeRawBufferPointer, geometries: [OperatorGeometry], layout: Layout = .blocked
  ) throws(SlimError) -> [Int?] {
    var offsets = [Int?](repeating: nil, count: geometries.count)
    guard bytes.count > 0 else { return offsets }
    var reader = ByteReader(bytes, section: layout.tag)
    let lanes = try reader.readU32()
    let count = try reader.readU32()
    try reader.skip(8)
    guard lanes == UInt32(SlimFormat.packedWeightsLanes) else { throw layout.error(0, .lanes(lanes)) }
    // UInt32 comparisons first, so that no conversion below can trap on 32-bit targets.
    guard count <= UInt32(clamping: geometries.count),
      SlimFormat.packedWeightsHeaderSize + Int(count) * SlimFormat.packedWeightsEntrySize <= bytes.count
    else {
      throw layout.error(0, .entryCount(count))
    }
    let tableEnd = SlimFormat.packedWeightsHeaderSize + Int(count) * SlimFormat.packedWeightsEntrySize
    var previous = -1
    // The entries' data may not overlap: each starts at or after the previous one's end.
    var dataEnd = tableEnd
    for entry in 0..<Int(count) {
      func fail(_ reason: SlimError.PackedWeightsProblem) -> SlimError { layout.error(entry, reason) }
      let index = try reader.readU32()
      try reader.skip(4)
      let offset = try reader.readU64()
      let byteSize = try reader.readU64()
      guard index < UInt32(clamping: geometries.count), Int(index) > previous else {
        throw fail(.operatorIndex(index))
      }
      previous = Int(index)
      guard case .conv2d(let g) = geometries[previous], layout.admits(g) else {
        throw fail(
          layout == .blocked ? .notBlockedConvolution(operator: previous) : .notWinogradConvolution(operator: previous))
      }
      let expected = layout.floatCount(g) * MemoryLayout<Float>.size
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
