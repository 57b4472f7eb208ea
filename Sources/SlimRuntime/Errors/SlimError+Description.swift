extension SlimError: CustomStringConvertible {
  /// A one-line message saying what is wrong and, where it helps, what to do.
  public var description: String {
    switch self {
    case .badMagic: return "not a .slim file (the first bytes are not 'SLIM')"
    case .unsupportedVersion(let major, let minor):
      return "the file is .slim \(major).\(minor); this runtime reads 1.x: re-export it with a matching slim-pack"
    case .invalidHeader(let field): return "invalid header field: \(field.name)"
    case .truncatedFile(let size, let needed):
      return "the file is truncated: \(size) bytes, the header and section table need \(needed)"
    case .fileSizeMismatch(let declared, let actual):
      return "the header says the file has \(declared) bytes but \(actual) were given: the file is truncated or padded"
    case .tableChecksumMismatch: return "the header or section table is corrupt (CRC mismatch)"
    case .checksumMismatch(let tag): return "section \(tag) is corrupt (CRC mismatch)"
    case .missingSection(let tag): return "required section \(tag) is missing"
    case .duplicateSection(let tag): return "section \(tag) appears twice"
    case .unknownRequiredSection(let tag):
      return "section \(tag) is required but unknown to this runtime: update the runtime"
    case .sectionOutOfBounds(let tag): return "section \(tag) lies outside the file's data area"
    case .overlappingSections(let a, let b): return "sections \(a) and \(b) overlap"
    case .invalidSectionEntry(let tag, let problem):
      return "section table entry \(tag) is invalid: \(problem.name)"
    case .compressionUnavailable(let tag):
      return "section \(tag) is zlib-compressed but this runtime was built without zlib: repack with --compress none"
    case .inflateFailed(let tag): return "section \(tag) does not inflate to its declared size"
    case .truncated(let tag, let offset, let needed):
      return "section \(tag) ends early: \(needed) bytes needed at offset \(offset)"
    case .invalidGraph(let problem): return "invalid graph: \(problem.name)"
    case .invalidTensor(let index, let reason): return "invalid tensor \(index): \(reason.name)"
    case .invalidOperator(let index, let reason): return "invalid operator \(index): \(reason.name)"
    case .invalidPlan(let problem): return "invalid memory plan: \(problem.name)"
    case .invalidMetadata(let entry, let reason): return "invalid metadata entry \(entry): \(reason.name)"
    case .invalidPackedWeights(let entry, let reason):
      return "invalid pre-packed weights (PACK) entry \(entry): \(reason.name)"
    case .invalidWinogradWeights(let entry, let reason):
      return "invalid Winograd weights (WINO) entry \(entry): \(reason.name)"
    case .invalidInt8PackedWeights(let entry, let reason):
      return "invalid pre-packed int8 weights (PKI8) entry \(entry): \(reason.name)"
    case .invalidInt8QuadWeights(let entry, let reason):
      return "invalid pre-packed int8 quad weights (PKQ8) entry \(entry): \(reason.name)"
    case .misalignedBuffer(let alignment):
      return "the buffer must be aligned to \(alignment) bytes to read weights in place: load a copy instead"
    case .fileOpenFailed(let code): return "cannot open or map the file (errno \(code))"
    case .inputCountMismatch(let expected, let actual):
      return "the model has \(expected) inputs, \(actual) given"
    case .outputCountMismatch(let expected, let actual):
      return "the model has \(expected) outputs, \(actual) given"
    case .inputSizeMismatch(let expected, let actual):
      return "input has \(actual) elements, the model expects \(expected)"
    case .inputDTypeMismatch(let expected, let actual):
      return "input given as \(actual.name), but the model's input is \(expected.name)"
        + (expected == .uint8 ? " HWC pixels: pass the raw pixels (run(pixels:), slim_session_run_u8)" : "")
    case .outputSizeMismatch(let expected, let actual):
      return "output buffer has \(actual) floats, the model produces \(expected)"
    case .arenaTooSmall(let required, let provided):
      return "the arena has \(provided) bytes, the model needs \(required)"
    }
  }
}

extension SlimDType {
  /// The dtype's name in messages (`float32`, `uint8` ...).
  public var name: String {
    switch self {
    case .float32: return "float32"
    case .int8: return "int8"
    case .int32: return "int32"
    case .uint8: return "uint8"
    }
  }
}

extension SlimError.HeaderField {
  var name: String {
    switch self {
    case .headerSize(let v): return "headerSize \(v) (must be 64)"
    case .flags(let v): return "flags \(v) (unknown bits)"
    case .sectionCount(let v): return "sectionCount \(v) (must be 1...64)"
    case .sectionEntrySize(let v): return "sectionEntrySize \(v) (must be 48)"
    case .sectionTableOffset(let v): return "sectionTableOffset \(v) (must be 64)"
    }
  }
}

extension SlimError.SectionProblem {
  var name: String {
    switch self {
    case .unknownEncoding(let v): return "unknown encoding \(v)"
    case .unknownFlags(let v): return "unknown flags \(v)"
    case .misalignedOffset: return "offset not aligned to 64"
    case .rawSizeTooLarge: return "rawSize too large"
    case .sizeMismatch: return "stored section with rawSize != storedSize"
    }
  }
}

extension SlimError.GraphProblem {
  var name: String {
    switch self {
    case .tensorCount(let v): return "tensorCount \(v) out of range"
    case .operatorCount(let v): return "operatorCount \(v) out of range"
    case .inputCount(let v): return "inputCount \(v) out of range"
    case .outputCount(let v): return "outputCount \(v) out of range"
    case .inputIndexOutOfRange(let v): return "graph input tensor \(v) does not exist"
    case .outputIndexOutOfRange(let v): return "graph output tensor \(v) does not exist"
    case .duplicateInput(let v): return "tensor \(v) is listed twice as a graph input"
    case .ioNotActivation(let v): return "graph input/output tensor \(v) is a constant"
    case .trailingBytes(let v): return "\(v) bytes after the last operator"
    case .ioNotFloat(let v): return "graph output tensor \(v) is not float32"
    case .inputDType(let v): return "graph input tensor \(v) is neither float32 nor uint8"
    }
  }
}

extension SlimError.TensorProblem {
  var name: String {
    switch self {
    case .unsupportedDType(let v): return "unsupported dtype \(v)"
    case .unknownStorage(let v): return "unknown storage \(v)"
    case .rank(let v): return "rank \(v) (must be 1...4)"
    case .dimension(let axis, let v): return "dimension \(axis) is \(v) (must be 1...2^24)"
    case .unusedDimension(let axis): return "dimension \(axis) beyond the rank is not 0"
    case .tooLarge: return "more than 2^28 elements"
    case .byteSizeMismatch(let declared, let expected):
      return "byteSize \(declared), the shape needs \(expected)"
    case .constantOutOfWeights: return "constant data lies outside WGHT"
    case .misalignedConstant: return "constant offset not aligned to 64"
    case .activationOffset(let v): return "activation with descriptor offset \(v) (must be 0)"
    case .neverWritten: return "activation is neither a graph input nor written by an operator"
    case .writtenTwice: return "activation is written more than once"
    case .overlapsTensor(let t): return "overlaps live tensor \(t) in the arena"
    }
  }
}

extension SlimError.OperatorProblem {
  var name: String {
    switch self {
    case .recordSize(let v): return "record size \(v) does not match its counts"
    case .unknownOpcode(let v): return "unknown opcode \(v)"
    case .unknownActivation(let v): return "unknown activation \(v)"
    case .activationParameter(let i): return "activation parameter \(i) is invalid"
    case .inputCount(let v): return "wrong input count \(v)"
    case .outputCount(let v): return "wrong output count \(v)"
    case .paramCount(let v): return "wrong parameter count \(v)"
    case .tensorIndexOutOfRange(let v): return "tensor \(v) does not exist"
    case .inputNotReady(let t): return "input tensor \(t) is not produced before this operator"
    case .outputNotActivation(let t): return "output tensor \(t) is a constant"
    case .operandShape(let i): return "operand \(i) has the wrong shape"
    case .param(let i): return "parameter \(i) out of range"
    case .groups: return "channels not divisible by groups"
    case .emptyOutput: return "output would be empty"
    case .outputShape: return "stored output shape differs from the inferred one"
    case .outputOverlapsLiveTensor(let t): return "output overwrites tensor \(t) which is still to be read"
    case .operandDType(let i): return "operand \(i) has the wrong element type"
    case .requantization(let c): return "requantization multiplier or shift of channel \(c) out of range"
    case .activationNotAllowed: return "int8 operators take their clamp from params; activation must be 0"
    }
  }
}

extension SlimError.PackedWeightsProblem {
  var name: String {
    switch self {
    case .lanes(let v):
      return
        "block width \(v) (this reader packs \(SlimFormat.packedWeightsLanes) in PACK and WINO, "
        + "\(SlimFormat.int8PackedWeightsLanes) in PKI8)"
    case .entryCount(let v): return "entry count \(v) (more than the operators, or past the section)"
    case .operatorIndex(let v): return "operator index \(v) out of range or not increasing"
    case .notBlockedConvolution(let op):
      return "operator \(op) is not a float32 convolution with 8 or more outputs per group"
    case .notWinogradConvolution(let op):
      return "operator \(op) is not an ungrouped float32 3x3 stride-1 convolution with 8 or more channels"
    case .notBlockedInt8Convolution(let op):
      return "operator \(op) is not an int8 convolution with 8 or more outputs per group that is not depthwise"
    case .byteSize(let declared, let expected): return "byte size \(declared), expected \(expected)"
    case .dataOutOfBounds: return "data misaligned, overlapping the entry table or past the section end"
    }
  }
}

extension SlimError.PlanProblem {
  var name: String {
    switch self {
    case .alignment(let v): return "alignment \(v) (must be 64)"
    case .arenaSize(let v): return "arena size \(v) too large"
    case .entryCount(let v): return "entry count \(v) does not match the activation count"
    case .tensorIndexOutOfRange(let v): return "tensor \(v) does not exist"
    case .notActivation(let t): return "tensor \(t) is a constant"
    case .duplicateEntry(let t): return "tensor \(t) is placed twice"
    case .missingEntry(let t): return "activation \(t) has no entry"
    case .misalignedOffset(let t): return "tensor \(t) offset not aligned"
    case .outsideArena(let t): return "tensor \(t) lies outside the arena"
    case .trailingBytes(let v): return "\(v) bytes after the last entry"
    }
  }
}

extension SlimError.MetadataProblem {
  var name: String {
    switch self {
    case .entryCount(let v): return "entry count \(v) (at most 256)"
    case .keyLength(let v): return "key length \(v) (must be 1...256)"
    case .invalidUTF8: return "not valid UTF-8"
    case .unknownValueType(let v): return "unknown value type \(v)"
    case .valueTooLarge: return "value larger than the section"
    case .duplicateKey: return "key appears twice"
    case .trailingBytes(let v): return "\(v) bytes after the last entry"
    }
  }
}
