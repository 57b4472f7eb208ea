import CZlib
import SlimRuntime

/// How `SlimWriter` stores the weights section.
public enum SlimCompression: Sendable {
  case none
  /// zlib level 9 for `WGHT` only (the other sections are small); a section
  /// that does not shrink is stored.
  case zlib
}

/// Serializes a `PackedModel` into the `.slim` v1 format (`Formats/slim-v1.md`).
///
/// The writer checks what the format itself constrains (counts, ranks,
/// dimensions, alignment, metadata sizes) and throws `SlimWriterError`; the
/// semantic checks (shapes per operator, plan aliasing) are the runtime's,
/// so round-tripping through `SlimModel(copying:)` validates a packed model fully.
public enum SlimWriter {
  /// Returns the file bytes. `optionalSections` (such as `PACK`) follow the
  /// required ones, without the required bit, so readers that do not know them
  /// skip them. Cost: O(model size), plus deflate for `.zlib`.
  public static func serialize(
    _ model: PackedModel, compression: SlimCompression, optionalSections: [(tag: FourCC, raw: [UInt8])] = []
  ) throws -> [UInt8] {
    let (weights, constantOffsets) = try weightsSection(model)
    var sections: [(tag: FourCC, raw: [UInt8], compressible: Bool, required: Bool)] = []
    if !model.metadata.isEmpty { sections.append((SlimFormat.metadataTag, try metadataSection(model), false, true)) }
    sections.append((SlimFormat.graphTag, try graphSection(model, constantOffsets: constantOffsets), false, true))
    sections.append((SlimFormat.planTag, try planSection(model), false, true))
    sections.append((SlimFormat.weightsTag, weights, true, true))
    for section in optionalSections { sections.append((section.tag, section.raw, true, false)) }

    let tableEnd = SlimFormat.headerSize + sections.count * SlimFormat.sectionEntrySize
    var body = ByteWriter()
    var table = ByteWriter()
    // The body starts 64-aligned in the file, so aligning within it aligns in the file.
    let bodyStart = align(tableEnd, SlimFormat.sectionAlignment)
    for section in sections {
      var stored = section.raw
      var encoding = SlimFormat.encodingStored
      if section.compressible, compression == .zlib, !section.raw.isEmpty {
        let compressed = try deflate(section.raw)
        if compressed.count < section.raw.count {
          stored = compressed
          encoding = SlimFormat.encodingZlib
        }
      }
      body.pad(to: SlimFormat.sectionAlignment)
      table.write(section.tag.rawValue)
      table.write(encoding)
      table.write(UInt64(bodyStart + body.count))
      table.write(UInt64(stored.count))
      table.write(UInt64(section.raw.count))
      table.write(CRC32.checksum(stored))
      table.write(section.required ? UInt32(SlimFormat.sectionRequiredFlag) : 0)
      table.write(UInt64(0))
      body.write(bytes: stored)
    }

    var header = ByteWriter()
    header.write(SlimFormat.magic.rawValue)
    header.write(SlimFormatVersion.major)
    header.write(SlimFormatVersion.minor)
    header.write(UInt32(SlimFormat.headerSize))
    header.write(UInt32(0))  // flags
    let fileSize = bodyStart + body.count
    header.write(UInt64(fileSize))
    header.write(UInt32(sections.count))
    header.write(UInt32(SlimFormat.sectionEntrySize))
    header.write(UInt64(SlimFormat.headerSize))
    let crc = table.bytes.withUnsafeBytes { CRC32.update(CRC32.checksum(header.bytes), with: $0) }
    header.write(crc)
    header.pad(to: SlimFormat.headerSize)

    var file = header.bytes + table.bytes
    file.append(contentsOf: repeatElement(0, count: bodyStart - tableEnd))
    file.append(contentsOf: body.bytes)
    return file
  }

  private static func align(_ value: Int, _ alignment: Int) -> Int {
    (value + alignment - 1) / alignment * alignment
  }

  private static func weightsSection(_ model: PackedModel) throws -> (bytes: [UInt8], offsets: [Int]) {
    var writer = ByteWriter()
    var offsets = [Int](repeating: 0, count: model.tensors.count)
    for (index, tensor) in model.tensors.enumerated() {
      switch tensor.storage {
      case .activation:
        continue
      case .constant(let values):
        guard tensor.dtype == .float32, values.count == tensor.shape.reduce(1, *) else {
          throw SlimWriterError.invalidTensor(index: index, reason: "\(values.count) values for shape \(tensor.shape)")
        }
        writer.pad(to: SlimFormat.sectionAlignment)
        offsets[index] = writer.count
        for value in values { writer.write(value) }
      case .constantBytes(let bytes):
        guard bytes.count == tensor.byteSize else {
          throw SlimWriterError.invalidTensor(
            index: index, reason: "\(bytes.count) bytes for \(tensor.dtype) \(tensor.shape)")
        }
        writer.pad(to: SlimFormat.sectionAlignment)
        offsets[index] = writer.count
        writer.write(bytes: bytes)
      }
    }
    guard writer.count <= SlimFormat.maxSectionSize else { throw SlimWriterError.invalidGraph("weights exceed 1 GiB") }
    return (writer.bytes, offsets)
  }

  private static func graphSection(_ model: PackedModel, constantOffsets: [Int]) throws -> [UInt8] {
    let tensorCount = model.tensors.count
    guard (1...SlimFormat.maxTensorCount).contains(tensorCount) else {
      throw SlimWriterError.invalidGraph("\(tensorCount) tensors (1...\(SlimFormat.maxTensorCount))")
    }
    guard (1...SlimFormat.maxOperatorCount).contains(model.operators.count) else {
      throw SlimWriterError.invalidGraph("\(model.operators.count) operators (1...\(SlimFormat.maxOperatorCount))")
    }
    guard (1...SlimFormat.maxGraphInputs).contains(model.inputs.count),
      (1...SlimFormat.maxGraphOutputs).contains(model.outputs.count)
    else { throw SlimWriterError.invalidGraph("graph input or output count out of range (1...16)") }
    for index in model.inputs + model.outputs where !model.tensors.indices.contains(index) {
      throw SlimWriterError.invalidGraph("graph input/output tensor \(index) does not exist")
    }

    var writer = ByteWriter()
    writer.write(UInt32(tensorCount))
    writer.write(UInt32(model.operators.count))
    writer.write(UInt32(model.inputs.count))
    writer.write(UInt32(model.outputs.count))
    for index in model.inputs { writer.write(UInt32(index)) }
    for index in model.outputs { writer.write(UInt32(index)) }
    for (index, tensor) in model.tensors.enumerated() {
      guard (1...SlimFormat.maxRank).contains(tensor.shape.count),
        tensor.shape.allSatisfy({ (1...SlimFormat.maxDimension).contains($0) })
      else { throw SlimWriterError.invalidTensor(index: index, reason: "unsupported shape \(tensor.shape)") }
      let isConstant: Bool
      if case .activation = tensor.storage { isConstant = false } else { isConstant = true }
      writer.write(tensor.dtype.rawValue)
      writer.write(UInt8(isConstant ? 1 : 0))
      writer.write(UInt8(tensor.shape.count))
      writer.write(UInt8(0))
      for axis in 0..<SlimFormat.maxRank { writer.write(UInt32(axis < tensor.shape.count ? tensor.shape[axis] : 0)) }
      writer.write(UInt32(0))
      writer.write(UInt64(isConstant ? constantOffsets[index] : 0))
      writer.write(UInt64(tensor.byteSize))
      writer.write(UInt64(0))
    }
    for (index, op) in model.operators.enumerated() {
      guard op.inputs.count <= Int(UInt16.max), op.outputs.count <= Int(UInt16.max),
        op.params.count + op.activation.parameterBits.count <= Int(UInt16.max)
      else { throw SlimWriterError.invalidOperator(index: index, reason: "too many operands") }
      for tensor in op.inputs + op.outputs where !model.tensors.indices.contains(tensor) {
        throw SlimWriterError.invalidOperator(index: index, reason: "tensor \(tensor) does not exist")
      }
      // The activation's parameters follow the operator's own (format 1.2).
      let params = op.params + op.activation.parameterBits
      writer.write(UInt32(SlimFormat.operatorHeaderSize + 4 * (op.inputs.count + op.outputs.count + params.count)))
      writer.write(op.opcode.rawValue)
      writer.write(op.activation.code)
      writer.write(UInt8(0))
      writer.write(UInt16(op.inputs.count))
      writer.write(UInt16(op.outputs.count))
      writer.write(UInt16(params.count))
      writer.write(UInt16(0))
      for tensor in op.inputs + op.outputs { writer.write(UInt32(tensor)) }
      for param in params { writer.write(param) }
    }
    return writer.bytes
  }

  private static func planSection(_ model: PackedModel) throws -> [UInt8] {
    var entries = ByteWriter()
    var entryCount = 0
    for (index, tensor) in model.tensors.enumerated() {
      guard case .activation(let offset) = tensor.storage else { continue }
      let byteSize = tensor.byteSize
      guard offset >= 0, offset % SlimFormat.planAlignment == 0, offset + byteSize <= model.arenaSize else {
        throw SlimWriterError.invalidTensor(
          index: index, reason: "arena offset \(offset) not 64-aligned or outside the arena (\(model.arenaSize) bytes)")
      }
      entries.write(UInt32(index))
      entries.write(UInt32(0))
      entries.write(UInt64(offset))
      entryCount += 1
    }
    var writer = ByteWriter()
    writer.write(UInt64(model.arenaSize))
    writer.write(UInt32(SlimFormat.planAlignment))
    writer.write(UInt32(entryCount))
    writer.write(bytes: entries.bytes)
    return writer.bytes
  }

  private static func metadataSection(_ model: PackedModel) throws -> [UInt8] {
    guard model.metadata.count <= SlimFormat.maxMetadataEntries else {
      throw SlimWriterError.invalidGraph("\(model.metadata.count) metadata entries (at most 256)")
    }
    var writer = ByteWriter()
    writer.write(UInt32(model.metadata.count))
    var seen = Set<String>()
    for (key, value) in model.metadata {
      let keyBytes = Array(key.utf8)
      guard (1...SlimFormat.maxMetadataKeyLength).contains(keyBytes.count) else {
        throw SlimWriterError.invalidMetadata(key: key, reason: "key length must be 1...256 bytes")
      }
      guard seen.insert(key).inserted else { throw SlimWriterError.invalidMetadata(key: key, reason: "duplicate key") }
      writer.write(UInt32(keyBytes.count))
      writer.write(bytes: keyBytes)
      writer.pad(to: 4)
      switch value {
      case .string(let s):
        let bytes = Array(s.utf8)
        writer.write(UInt8(0))
        writer.write(bytes: [0, 0, 0])
        writer.write(UInt32(bytes.count))
        writer.write(bytes: bytes)
      case .floats(let values):
        writer.write(UInt8(1))
        writer.write(bytes: [0, 0, 0])
        writer.write(UInt32(values.count))
        for v in values { writer.write(v) }
      case .ints(let values):
        writer.write(UInt8(2))
        writer.write(bytes: [0, 0, 0])
        writer.write(UInt32(values.count))
        for v in values { writer.write(v) }
      }
      writer.pad(to: 4)
    }
    return writer.bytes
  }

  /// zlib stream (RFC 1950) of `bytes` at level 9.
  private static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
    var length = compressBound(uLong(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(length))
    let status = output.withUnsafeMutableBufferPointer { out in
      bytes.withUnsafeBufferPointer { input in
        compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count), 9)
      }
    }
    guard status == Z_OK else { throw SlimWriterError.compressionFailed(status: status) }
    output.removeSubrange(Int(length)...)
    return output
  }
}
