import Foundation
import Testing

@testable import SlimCompiler
@testable import SlimRuntime

/// `slim-pack --packed-weights`: the `PACK` section's weights are used in place and
/// give the same outputs, and every field of a hostile section is a typed error.
@Suite struct PackedWeightsTests {
  static func pack(packedWeights: Bool, int8: Bool = false, byteDot: Bool = false) throws -> [UInt8] {
    var options = PackOptions()
    options.packedWeights = packedWeights
    options.byteDotWeights = byteDot
    if int8 { options.quantization = QuantizationOptions(calibration: Array(try Fixtures.goldenInputs().prefix(4))) }
    return try Packer.pack(checkpointAt: Fixtures.path("vgg/finetuned.pth.tar"), options: options).bytes
  }

  /// Byte offset in the file of section `tag`'s table entry.
  static func entryOffset(_ bytes: [UInt8], _ tag: FourCC) -> Int? {
    let count = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 24, as: UInt32.self) })
    return (0..<count).map { SlimFormat.headerSize + $0 * SlimFormat.sectionEntrySize }.first { entry in
      bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry, as: UInt32.self) } == tag.rawValue
    }
  }

  /// File offset of section `tag`'s first byte (`PACK` by default).
  static func packOffset(_ bytes: [UInt8], _ tag: FourCC = SlimFormat.packedWeightsTag) -> Int {
    let entry = entryOffset(bytes, tag)!
    return Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self) })
  }

  @Test func packedWeightsGiveTheSameOutputsWithoutRepacking() throws {
    let plain = try Self.pack(packedWeights: false)
    let packed = try Self.pack(packedWeights: true)
    let plainModel = try SlimModel(copying: plain), packedModel = try SlimModel(copying: packed)
    #expect(!plainModel.hasPackedWeights && packedModel.hasPackedWeights)
    #expect(packed.count > plain.count)
    // Every blocked convolution has its entry.
    let convolutions = packedModel.geometries.filter {
      if case .conv2d(let g) = $0 { return BlockedConv2D.isEligible(g) } else { return false }
    }.count
    #expect(convolutions > 0 && packedModel.packedWeightOffsets.compactMap { $0 }.count == convolutions)
    // Optional: written without the required bit, so a 1.2 reader skips it.
    let entry = Self.entryOffset(packed, SlimFormat.packedWeightsTag)!
    #expect(packed.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry + 36, as: UInt32.self) } == 0)
    // `WINO`: every 3x3 layer a build may run with Winograd has its transformed weights,
    // also optional, and sessions take them in place of transforming.
    #expect(!plainModel.hasWinogradWeights && packedModel.hasWinogradWeights)
    let winograd = packedModel.geometries.indices.filter {
      if case .conv2d(let g) = packedModel.geometries[$0] { return WinogradConv2D.isStored(g) } else { return false }
    }
    #expect(
      !winograd.isEmpty
        && packedModel.winogradWeightOffsets.indices.filter {
          packedModel.winogradWeightOffsets[$0] != nil
        } == winograd)
    let winogradEntry = Self.entryOffset(packed, SlimFormat.winogradWeightsTag)!
    #expect(packed.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: winogradEntry + 36, as: UInt32.self) } == 0)
    let session = try SlimSession(model: packedModel)
    // One step per operator, in order.
    for (index, step) in session.steps.enumerated() {
      guard case .winogradConv2d(let conv) = step else { continue }
      #expect(conv.weights == packedModel.winogradWeights(ofOperator: index))
    }
    let inputs = try Fixtures.goldenInputs()
    #expect(try RuntimeProbe.run(packedModel, inputs: inputs) == RuntimeProbe.run(plainModel, inputs: inputs))
  }

  @Test func weightChecksumsCanBeSkippedButStructureIsStillChecked() throws {
    for tag in [SlimFormat.packedWeightsTag, SlimFormat.winogradWeightsTag] {
      var bytes = try Self.pack(packedWeights: true)
      bytes[Self.packOffset(bytes, tag) + 200] ^= 0xFF  // a weight of the first entry
      #expect(throws: SlimError.checksumMismatch(section: tag)) { try SlimModel(copying: bytes) }
      let model = try bytes.withUnsafeBytes { try SlimModel(borrowing: $0, verifyingWeights: false) }
      #expect(model.hasPackedWeights && model.hasWinogradWeights)
    }
    // A corrupt graph is still caught: only the weight sections' CRCs are skipped.
    var graph = try Self.pack(packedWeights: false)
    let graphEntry = Self.entryOffset(graph, SlimFormat.graphTag)!
    let graphStart = Int(graph.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: graphEntry + 8, as: UInt64.self) })
    graph[graphStart] ^= 0x01
    #expect(throws: SlimError.checksumMismatch(section: SlimFormat.graphTag)) {
      try graph.withUnsafeBytes { try SlimModel(borrowing: $0, verifyingWeights: false) }
    }
  }

  /// Writes `value` at `offset` of section `tag` and loads without weight CRCs.
  static func load<T: FixedWidthInteger>(
    _ bytes: [UInt8], patching offset: Int, with value: T, in tag: FourCC = SlimFormat.packedWeightsTag
  ) throws {
    var patched = bytes
    let start = packOffset(bytes, tag) + offset
    withUnsafeBytes(of: value.littleEndian) { for (i, byte) in $0.enumerated() { patched[start + i] = byte } }
    _ = try patched.withUnsafeBytes { try SlimModel(borrowing: $0, verifyingWeights: false) }
  }

  /// A patch of section `tag`: `width` (4 or 8) bytes of `value` at `offset`, and the error it must give.
  typealias HostileCase = (offset: Int, value: UInt64, width: Int, error: SlimError)

  /// Expects each case's patch of `bytes` to fail to load with the case's error.
  static func expectErrors(_ bytes: [UInt8], _ cases: [HostileCase], in tag: FourCC = SlimFormat.packedWeightsTag) {
    for c in cases {
      #expect(throws: c.error, "patch at \(c.offset)") {
        if c.width == 4 {
          try load(bytes, patching: c.offset, with: UInt32(c.value), in: tag)
        } else {
          try load(bytes, patching: c.offset, with: c.value, in: tag)
        }
      }
    }
  }

  @Test func hostileSectionFieldsAreTypedErrors() throws {
    let bytes = try Self.pack(packedWeights: true)
    let model = try SlimModel(copying: bytes)
    let first = model.packedWeightOffsets.firstIndex { $0 != nil }!
    let notConvolution = model.geometries.indices.first { model.packedWeightOffsets[$0] == nil }!
    let entry0 = SlimFormat.packedWeightsHeaderSize, entry1 = entry0 + SlimFormat.packedWeightsEntrySize
    let size0 = bytes.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: Self.packOffset(bytes) + entry0 + 16, as: UInt64.self)
    }
    let offset1 = bytes.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: Self.packOffset(bytes) + entry1 + 8, as: UInt64.self)
    }
    let cases: [HostileCase] = [
      (0, 8, 4, .invalidPackedWeights(entry: 0, reason: .lanes(8))),
      (4, 1_000_000, 4, .invalidPackedWeights(entry: 0, reason: .entryCount(1_000_000))),
      (entry0, 1_000_000, 4, .invalidPackedWeights(entry: 0, reason: .operatorIndex(1_000_000))),
      (entry1, UInt64(first), 4, .invalidPackedWeights(entry: 1, reason: .operatorIndex(UInt32(first)))),
      (
        entry0, UInt64(notConvolution), 4,
        .invalidPackedWeights(entry: 0, reason: .notBlockedConvolution(operator: notConvolution))
      ),
      (
        entry0 + 16, size0 + 4, 8,
        .invalidPackedWeights(entry: 0, reason: .byteSize(declared: size0 + 4, expected: Int(size0)))
      ),
      (entry1 + 8, offset1 + 4, 8, .invalidPackedWeights(entry: 1, reason: .dataOutOfBounds)),
      (entry1 + 8, 64, 8, .invalidPackedWeights(entry: 1, reason: .dataOutOfBounds)),
      (entry1 + 8, UInt64.max - 63, 8, .invalidPackedWeights(entry: 1, reason: .dataOutOfBounds)),
    ]
    Self.expectErrors(bytes, cases)
  }

  /// `WINO` shares `PACK`'s table rules, with its own operator rule and data size.
  @Test func hostileWinogradSectionFieldsAreTypedErrors() throws {
    let bytes = try Self.pack(packedWeights: true)
    let model = try SlimModel(copying: bytes)
    let tag = SlimFormat.winogradWeightsTag
    // A blocked convolution that Winograd cannot run (1x1, or the 3-channel first layer).
    let direct = model.geometries.indices.first {
      if case .conv2d(let g) = model.geometries[$0] { return !WinogradConv2D.isEligible(g) } else { return false }
    }
    let notConvolution = model.geometries.indices.first {
      if case .conv2d = model.geometries[$0] { return false } else { return true }
    }!
    let entry0 = SlimFormat.packedWeightsHeaderSize
    let size0 = bytes.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: Self.packOffset(bytes, tag) + entry0 + 16, as: UInt64.self)
    }
    var cases: [HostileCase] = [
      (0, 4, 4, .invalidWinogradWeights(entry: 0, reason: .lanes(4))),
      (
        entry0, UInt64(notConvolution), 4,
        .invalidWinogradWeights(entry: 0, reason: .notWinogradConvolution(operator: notConvolution))
      ),
      (
        entry0 + 16, size0 / 4, 8,
        .invalidWinogradWeights(entry: 0, reason: .byteSize(declared: size0 / 4, expected: Int(size0)))
      ),
      (entry0 + 8, UInt64(1 << 40), 8, .invalidWinogradWeights(entry: 0, reason: .dataOutOfBounds)),
    ]
    if let direct, direct < model.winogradWeightOffsets.firstIndex(where: { $0 != nil })! {
      cases.append(
        (
          entry0, UInt64(direct), 4,
          .invalidWinogradWeights(entry: 0, reason: .notWinogradConvolution(operator: direct))
        )
      )
    }
    Self.expectErrors(bytes, cases, in: tag)
  }

  /// `PKI8` (int8 models): every convolution the blocked int8 kernel runs has its
  /// weights in that kernel's layout, sessions use them in place, the outputs are
  /// the same bits, and the section shares `PACK`'s table rules with its own.
  @Test func int8PackedWeightsGiveTheSameOutputsWithoutRepacking() throws {
    let plain = try Self.pack(packedWeights: false, int8: true)
    let packed = try Self.pack(packedWeights: true, int8: true)
    let plainModel = try SlimModel(copying: plain), packedModel = try SlimModel(copying: packed)
    #expect(!plainModel.hasInt8PackedWeights && packedModel.hasInt8PackedWeights)
    // No float32 convolution is left, so no `PACK` or `WINO`.
    #expect(!packedModel.hasPackedWeights && !packedModel.hasWinogradWeights)
    let stored = packedModel.geometries.indices.filter {
      if case .int8(.conv2d(let g, _)) = packedModel.geometries[$0] { return BlockedConv2DInt8.isStored(g) }
      return false
    }
    #expect(
      !stored.isEmpty
        && packedModel.int8PackedWeightOffsets.indices.filter {
          packedModel.int8PackedWeightOffsets[$0] != nil
        } == stored)
    let entry = Self.entryOffset(packed, SlimFormat.int8PackedWeightsTag)!
    #expect(packed.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry + 36, as: UInt32.self) } == 0)
    let session = try SlimSession(model: packedModel)
    var used = 0
    for (index, step) in session.steps.enumerated() {
      guard case .blockedConv2dInt8(let conv) = step else { continue }
      #expect(conv.weights == packedModel.int8PackedWeights(ofOperator: index))
      used += 1
    }
    #expect(used == stored.count)
    let inputs = try Fixtures.goldenInputs()
    #expect(try RuntimeProbe.run(packedModel, inputs: inputs) == RuntimeProbe.run(plainModel, inputs: inputs))

    let tag = SlimFormat.int8PackedWeightsTag
    var corrupt = packed
    corrupt[Self.packOffset(packed, tag) + 200] ^= 0xFF  // a weight of the first entry
    #expect(throws: SlimError.checksumMismatch(section: tag)) { try SlimModel(copying: corrupt) }
    #expect(try corrupt.withUnsafeBytes { try SlimModel(borrowing: $0, verifyingWeights: false) }.hasInt8PackedWeights)

    let notConvolution = packedModel.geometries.indices.first { packedModel.int8PackedWeightOffsets[$0] == nil }!
    let entry0 = SlimFormat.packedWeightsHeaderSize
    let size0 = packed.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: Self.packOffset(packed, tag) + entry0 + 16, as: UInt64.self)
    }
    let cases: [HostileCase] = [
      (0, 16, 4, .invalidInt8PackedWeights(entry: 0, reason: .lanes(16))),
      (4, 1_000_000, 4, .invalidInt8PackedWeights(entry: 0, reason: .entryCount(1_000_000))),
      (
        entry0, UInt64(notConvolution), 4,
        .invalidInt8PackedWeights(entry: 0, reason: .notBlockedInt8Convolution(operator: notConvolution))
      ),
      (
        entry0 + 16, size0 * 4, 8,
        .invalidInt8PackedWeights(entry: 0, reason: .byteSize(declared: size0 * 4, expected: Int(size0)))
      ),
      (entry0 + 8, UInt64(1 << 40), 8, .invalidInt8PackedWeights(entry: 0, reason: .dataOutOfBounds)),
    ]
    Self.expectErrors(packed, cases, in: tag)
  }

  /// `PKQ8` (`slim-pack --int8 --packed-weights --vnni`): the convolutions a byte-dot
  /// build runs as `quads` have their weights packed so, with their sums, the others
  /// stay in `PKI8`; sessions of every build use the stored layout in place and give
  /// the plain file's bits; the section has `PACK`'s table rules.
  @Test func int8QuadWeightsGiveTheSameOutputsWithoutRepacking() throws {
    let plain = try Self.pack(packedWeights: false, int8: true)
    let packed = try Self.pack(packedWeights: true, int8: true, byteDot: true)
    let plainModel = try SlimModel(copying: plain), model = try SlimModel(copying: packed)
    #expect(model.hasInt8QuadWeights)
    var quads = 0
    for (index, geometry) in model.geometries.enumerated() {
      guard case .int8(.conv2d(let g, _)) = geometry, BlockedConv2DInt8.isStored(g) else {
        #expect(model.int8QuadWeightOffsets[index] == nil && model.int8PackedWeightOffsets[index] == nil)
        continue
      }
      let expectQuads = BlockedConv2DInt8.preferredPacking(g, byteDot: true) == .quads
      #expect((model.int8QuadWeightOffsets[index] != nil) == expectQuads, "operator \(index)")
      #expect((model.int8PackedWeightOffsets[index] != nil) == !expectQuads, "operator \(index)")
      if expectQuads { quads += 1 }
    }
    #expect(quads > 0)
    let session = try SlimSession(model: model)
    for (index, step) in session.steps.enumerated() {
      guard case .blockedConv2dInt8(let conv) = step else { continue }
      if let stored = model.int8QuadWeights(ofOperator: index) {
        #expect(conv.packing == .quads && conv.weights == stored.weights, "operator \(index)")
      } else {
        #expect(conv.packing == .pairs && conv.weights == model.int8PackedWeights(ofOperator: index))
      }
    }
    let inputs = try Fixtures.goldenInputs()
    #expect(try RuntimeProbe.run(model, inputs: inputs) == RuntimeProbe.run(plainModel, inputs: inputs))

    let tag = SlimFormat.int8QuadWeightsTag
    var corrupt = packed
    corrupt[Self.packOffset(packed, tag) + 200] ^= 0xFF  // a weight of the first entry
    #expect(throws: SlimError.checksumMismatch(section: tag)) { try SlimModel(copying: corrupt) }
    #expect(try corrupt.withUnsafeBytes { try SlimModel(borrowing: $0, verifyingWeights: false) }.hasInt8QuadWeights)

    let notConvolution = model.geometries.indices.first {
      model.int8QuadWeightOffsets[$0] == nil && model.int8PackedWeightOffsets[$0] == nil
    }!
    let entry0 = SlimFormat.packedWeightsHeaderSize
    let size0 = packed.withUnsafeBytes {
      $0.loadUnaligned(fromByteOffset: Self.packOffset(packed, tag) + entry0 + 16, as: UInt64.self)
    }
    let cases: [HostileCase] = [
      (0, 16, 4, .invalidInt8QuadWeights(entry: 0, reason: .lanes(16))),
      (4, 1_000_000, 4, .invalidInt8QuadWeights(entry: 0, reason: .entryCount(1_000_000))),
      (
        entry0, UInt64(notConvolution), 4,
        .invalidInt8QuadWeights(entry: 0, reason: .notBlockedInt8Convolution(operator: notConvolution))
      ),
      (
        entry0 + 16, size0 - 4, 8,
        .invalidInt8QuadWeights(entry: 0, reason: .byteSize(declared: size0 - 4, expected: Int(size0)))
      ),
      (entry0 + 8, UInt64(1 << 40), 8, .invalidInt8QuadWeights(entry: 0, reason: .dataOutOfBounds)),
    ]
    Self.expectErrors(packed, cases, in: tag)
  }
}
