/// The optional sections of convolution weights stored a second time, already in
/// a fast kernel's layout, so that a hosted session uses them in place instead of
/// repacking at creation (see `Formats/slim-v1.md`): `PACK` (format 1.3,
/// `BlockedConv2D`'s layout), `WINO` (1.4, `WinogradConv2D`'s transformed weights)
/// `PKI8` (1.5, `BlockedConv2DInt8`'s `pairs`) and `PKQ8` (1.6, its `quads`, with
/// each channel's weight sum after the weights), with one table format. Readers
/// that run only the plain kernels (firmware) never look at them.
enum PackedWeights {
  /// Which section, and so which kernel's layout.
  enum Layout {
    case blocked, winograd, blockedInt8, quadInt8

    var tag: FourCC {
      switch self {
      case .blocked: return SlimFormat.packedWeightsTag
      case .winograd: return SlimFormat.winogradWeightsTag
      case .blockedInt8: return SlimFormat.int8PackedWeightsTag
      case .quadInt8: return SlimFormat.int8QuadWeightsTag
      }
    }

    /// The header's `lanes`.
    var lanes: Int {
      switch self {
      case .blocked, .winograd: return SlimFormat.packedWeightsLanes
      case .blockedInt8, .quadInt8: return SlimFormat.int8PackedWeightsLanes
      }
    }

    /// The convolution an entry of this layout may name: `geometry`'s, when it is one
    /// of the layout's element type that its kernel runs. O(1).
    func convolution(_ geometry: OperatorGeometry) -> Conv2D.Geometry? {
      switch (self, geometry) {
      case (.blocked, .conv2d(let g)) where BlockedConv2D.isEligible(g): return g
      case (.winograd, .conv2d(let g)) where WinogradConv2D.isEligible(g): return g
      case (.blockedInt8, .int8(.conv2d(let g, _))) where BlockedConv2DInt8.isStored(g): return g
      case (.quadInt8, .int8(.conv2d(let g, _))) where BlockedConv2DInt8.isStored(g): return g
      default: return nil
      }
    }

    /// Bytes of an entry's data for `g`. O(1).
    func byteCount(_ g: Conv2D.Geometry) -> Int {
      switch self {
      case .blocked: return BlockedConv2D.packedCount(g) * MemoryLayout<Float>.size
      case .winograd: return WinogradConv2D.transformedCount(g) * MemoryLayout<Float>.size
      case .blockedInt8: return BlockedConv2DInt8.packedCount(g, .pairs)
      case .quadInt8: return BlockedConv2DInt8.packedCount(g, .quads) + MemoryLayout<Int32>.size * g.outChannels
      }
    }

    func error(_ entry: Int, _ reason: SlimError.PackedWeightsProblem) -> SlimError {
      switch self {
      case .blocked: return .invalidPackedWeights(entry: entry, reason: reason)
      case .winograd: return .invalidWinogradWeights(entry: entry, reason: reason)
      case .blockedInt8: return .invalidInt8PackedWeights(entry: entry, reason: reason)
      case .quadInt8: return .invalidInt8QuadWeights(entry: entry, reason: reason)
      }
    }

    /// The error for an entry naming operator `index`, which `convolution` refuses.
    func notConvolution(_ index: Int) -> SlimError.PackedWeightsProblem {
      switch self {
      case .blocked: return .notBlockedConvolution(operator: index)
      case .winograd: return .notWinogradConvolution(operator: index)
      case .blockedInt8, .quadInt8: return .notBlockedInt8Convolution(operator: index)
      }
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
    guard lanes == UInt32(layout.lanes) else { throw layout.error(0, .lanes(lanes)) }
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
      guard let g = layout.convolution(geometries[previous]) else { throw fail(layout.notConvolution(previous)) }
      let expected = layout.byteCount(g)
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
