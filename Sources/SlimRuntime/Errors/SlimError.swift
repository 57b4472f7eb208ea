/// Everything that can go wrong loading or running a `.slim` model.
///
/// Cases name the place (section tag, tensor or operator index) and carry a
/// small reason enum rather than a `String`, so Embedded builds stay lean; the
/// `description` turns them into a message a user can act on.
public enum SlimError: Error, Equatable, Sendable {
  // MARK: Container

  /// The file does not start with `SLIM`: not a `.slim` file.
  case badMagic
  /// Written by an incompatible major version of the format.
  case unsupportedVersion(major: UInt16, minor: UInt16)
  /// A header field other than magic, version and file size is invalid.
  case invalidHeader(HeaderField)
  /// The buffer ends before the header or section table does (`needed` bytes in total).
  case truncatedFile(size: Int, needed: Int)
  /// The header's `fileSize` differs from the number of bytes given to the reader.
  case fileSizeMismatch(declared: UInt64, actual: Int)
  /// The CRC-32 over the header and section table is wrong.
  case tableChecksumMismatch
  /// A section's CRC-32 is wrong.
  case checksumMismatch(section: FourCC)
  case missingSection(FourCC)
  case duplicateSection(FourCC)
  /// A section this reader does not know has its required bit set.
  case unknownRequiredSection(FourCC)
  /// A section extends past the end of the file or into the header and table.
  case sectionOutOfBounds(FourCC)
  case overlappingSections(FourCC, FourCC)
  /// A section table entry has an invalid field.
  case invalidSectionEntry(FourCC, SectionProblem)
  /// The section is zlib-compressed and this build has no zlib (`Zlib` trait off).
  case compressionUnavailable(section: FourCC)
  /// The zlib stream is corrupt or does not decode to exactly `rawSize` bytes.
  case inflateFailed(section: FourCC)
  /// A section ends before a field it must contain (`needed` bytes at `offset`).
  case truncated(section: FourCC, offset: Int, needed: Int)

  // MARK: Contents

  case invalidGraph(GraphProblem)
  case invalidTensor(index: Int, reason: TensorProblem)
  case invalidOperator(index: Int, reason: OperatorProblem)
  case invalidPlan(PlanProblem)
  case invalidMetadata(entry: Int, reason: MetadataProblem)
  /// An entry of the optional `PACK` section (pre-packed convolution weights) is invalid.
  case invalidPackedWeights(entry: Int, reason: PackedWeightsProblem)
  /// The `WINO` section (format 1.4) breaks a rule of `PACK`'s table or its own.
  case invalidWinogradWeights(entry: Int, reason: PackedWeightsProblem)
  /// The `PKI8` section (format 1.5) breaks a rule of `PACK`'s table or its own.
  case invalidInt8PackedWeights(entry: Int, reason: PackedWeightsProblem)
  /// The `PKQ8` section (format 1.6) breaks a rule of `PACK`'s table or its own.
  case invalidInt8QuadWeights(entry: Int, reason: PackedWeightsProblem)

  // MARK: Loading and running

  /// Weights stored raw are read in place, which needs the buffer's base
  /// address aligned to `alignment`; copy the file (`init(copying:)`) or align it.
  case misalignedBuffer(alignment: Int)
  /// Opening, reading or mapping a file failed with this `errno`.
  case fileOpenFailed(errno: Int32)
  case inputCountMismatch(expected: Int, actual: Int)
  case outputCountMismatch(expected: Int, actual: Int)
  /// An input buffer holds `actual` elements (floats, or pixels for a uint8 input); the
  /// model's input needs `expected`.
  case inputSizeMismatch(expected: Int, actual: Int)
  /// The input was given as `actual` (`run(input:output:)` takes float32,
  /// `run(pixels:output:)` uint8) but the model's graph input is `expected`.
  case inputDTypeMismatch(expected: SlimDType, actual: SlimDType)
  case outputSizeMismatch(expected: Int, actual: Int)
  /// The caller's arena holds `provided` bytes; the plan needs `required`.
  case arenaTooSmall(required: Int, provided: Int)

  /// Header fields checked besides magic and version.
  public enum HeaderField: Equatable, Sendable {
    case headerSize(UInt32), flags(UInt32), sectionCount(UInt32), sectionEntrySize(UInt32)
    case sectionTableOffset(UInt64)
  }

  public enum SectionProblem: Equatable, Sendable {
    case unknownEncoding(UInt32)
    case unknownFlags(UInt32)
    case misalignedOffset
    /// `rawSize` is above 1 GiB, or impossible for the encoding.
    case rawSizeTooLarge
    /// A stored section's `rawSize` differs from its `storedSize`.
    case sizeMismatch
  }

  public enum GraphProblem: Equatable, Sendable {
    case tensorCount(UInt32), operatorCount(UInt32), inputCount(UInt32), outputCount(UInt32)
    case inputIndexOutOfRange(UInt32), outputIndexOutOfRange(UInt32)
    case duplicateInput(Int)
    /// Graph inputs and outputs must be activations.
    case ioNotActivation(Int)
    /// Bytes remain after the last operator record.
    case trailingBytes(Int)
    /// Graph outputs must be float32 (int8 graphs dequantize inside).
    case ioNotFloat(Int)
    /// Graph inputs must be float32, or uint8 pixels (int8 graphs quantize inside).
    case inputDType(Int)
  }

  public enum TensorProblem: Equatable, Sendable {
    case unsupportedDType(UInt8)
    case unknownStorage(UInt8)
    case rank(UInt8)
    case dimension(axis: Int, value: UInt32)
    /// A dimension beyond `rank` is not 0.
    case unusedDimension(axis: Int)
    /// More than 2^28 elements (1 GiB of float32).
    case tooLarge
    case byteSizeMismatch(declared: UInt64, expected: Int)
    case constantOutOfWeights
    case misalignedConstant
    /// Activations are placed by `PLAN`; their descriptor offset must be 0.
    case activationOffset(UInt64)
    /// An activation that is neither a graph input nor any operator's output.
    case neverWritten
    case writtenTwice
    /// Activations overlap in the arena while both are live (graph inputs).
    case overlapsTensor(Int)
  }

  public enum OperatorProblem: Equatable, Sendable {
    case recordSize(UInt32)
    case unknownOpcode(UInt16)
    case unknownActivation(UInt8)
    /// The fused activation's parameter `index` is invalid (NaN, infinite, or clip bounds out of order).
    case activationParameter(index: Int)
    case inputCount(Int), outputCount(Int), paramCount(Int)
    case tensorIndexOutOfRange(UInt32)
    /// An input is produced by this or a later operator (not topological order).
    case inputNotReady(tensor: Int)
    case outputNotActivation(tensor: Int)
    /// The operand's rank or shape does not fit the operator.
    case operandShape(operand: Int)
    case param(index: Int)
    /// Channels or output channels are not divisible by `groups`.
    case groups
    /// The computed output would be empty.
    case emptyOutput
    /// The stored output descriptor differs from the inferred shape.
    case outputShape
    /// The output is written over a tensor that is still to be read.
    case outputOverlapsLiveTensor(tensor: Int)
    /// The operand (`operands` = inputs then outputs) has the wrong element type for this opcode.
    case operandDType(operand: Int)
    /// A requantization multiplier or shift of output channel `channel` is out of range.
    case requantization(channel: Int)
    /// The record's activation field must be 0 for int8 operators (their clamp is in the params).
    case activationNotAllowed
  }

  public enum PackedWeightsProblem: Equatable, Sendable {
    /// The section's block width is not the one this reader packs (`SlimFormat.packedWeightsLanes`).
    case lanes(UInt32)
    /// More entries than operators, or a section too short for its table.
    case entryCount(UInt32)
    /// Operator index out of range or not above the previous entry's.
    case operatorIndex(UInt32)
    /// The operator is not a float32 convolution the blocked kernel runs.
    case notBlockedConvolution(operator: Int)
    /// The operator is not a float32 3x3 convolution the Winograd kernel runs (`WINO`).
    case notWinogradConvolution(operator: Int)
    /// The operator is not an int8 convolution the blocked int8 kernel runs (`PKI8`).
    case notBlockedInt8Convolution(operator: Int)
    case byteSize(declared: UInt64, expected: Int)
    /// The data is not 64-aligned, overlaps the table or runs past the section.
    case dataOutOfBounds
  }

  public enum PlanProblem: Equatable, Sendable {
    case alignment(UInt32)
    case arenaSize(UInt64)
    case entryCount(UInt32)
    case tensorIndexOutOfRange(UInt32)
    case notActivation(tensor: Int)
    case duplicateEntry(tensor: Int)
    case missingEntry(tensor: Int)
    case misalignedOffset(tensor: Int)
    case outsideArena(tensor: Int)
    case trailingBytes(Int)
  }

  public enum MetadataProblem: Equatable, Sendable {
    case entryCount(UInt32)
    case keyLength(UInt32)
    case invalidUTF8
    case unknownValueType(UInt8)
    case valueTooLarge
    case duplicateKey
    case trailingBytes(Int)
  }
}
