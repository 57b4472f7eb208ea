/// A loaded, fully validated `.slim` model.
///
/// Immutable after `init` and therefore shareable across threads; run it
/// through one `SlimSession` per thread. Loading validates every offset,
/// size, shape, parameter and the memory plan once (see
/// `SlimModel+Validation.swift`), so sessions run without checks.
///
/// Weights stored raw are read in place from the bytes given to the model:
/// no copy, which is what lets a device run from flash. That needs the
/// buffer's base address 4-aligned (a mapped file or `init(copying:)` is
/// always 64-aligned); otherwise loading throws `misalignedBuffer` rather than
/// silently copying megabytes into RAM. Compressed weights are inflated once
/// into a buffer the model owns.
public final class SlimModel: @unchecked Sendable {
  /// Bytes of activation memory a session needs.
  public let arenaSize: Int
  /// All tensors; activations carry their arena offset, constants their `WGHT` offset.
  public let tensors: [TensorDescriptor]
  /// Operators in execution order.
  public let operators: [OperatorRecord]
  /// Tensor indices of the graph inputs and outputs.
  public let inputIndices: [Int]
  public let outputIndices: [Int]
  public let metadata: SlimMetadata
  /// The known sections, in file order: sizes and encodings (for reports).
  public let sections: [SlimSectionSummary]
  /// Size in bytes of the whole file the model was loaded from.
  public let fileSize: Int

  /// Per operator, the validated kernel geometry.
  let geometries: [OperatorGeometry]
  /// The decoded `WGHT` section; valid as long as `backing` and `inflatedWeights` live.
  let weights: UnsafeRawBufferPointer

  /// What keeps the file bytes alive; held only for its lifetime.
  private enum Backing {
    /// The caller keeps the bytes alive.
    case borrowed
    case owned(OwnedBuffer)
    #if canImport(Glibc) || canImport(Darwin)
      case mapped(MappedFile)
    #endif
  }

  private let backing: Backing
  private let inflatedWeights: OwnedBuffer?
  /// The decoded `PACK` section (empty when absent) and its buffer if inflated.
  let packedWeights: UnsafeRawBufferPointer
  private let inflatedPackedWeights: OwnedBuffer?
  /// Per operator, the byte offset of its pre-packed weights in `packedWeights`, or nil.
  let packedWeightOffsets: [Int?]
  /// The decoded `WINO` section (empty when absent), its buffer if inflated, and per
  /// operator the byte offset of its transformed weights in it, or nil.
  let winogradWeights: UnsafeRawBufferPointer
  private let inflatedWinogradWeights: OwnedBuffer?
  let winogradWeightOffsets: [Int?]
  /// The decoded `PKI8` section (empty when absent), its buffer if inflated, and per
  /// operator the byte offset of its pre-packed int8 weights in it, or nil.
  let int8PackedWeights: UnsafeRawBufferPointer
  private let inflatedInt8PackedWeights: OwnedBuffer?
  let int8PackedWeightOffsets: [Int?]
  /// The same for `PKQ8` (weights packed as `quads`, then their per-channel sums).
  let int8QuadWeights: UnsafeRawBufferPointer
  private let inflatedInt8QuadWeights: OwnedBuffer?
  let int8QuadWeightOffsets: [Int?]

  /// Descriptors of the graph inputs, in order.
  public var inputs: [TensorDescriptor] { inputIndices.map { tensors[$0] } }
  /// Descriptors of the graph outputs, in order.
  public var outputs: [TensorDescriptor] { outputIndices.map { tensors[$0] } }

  /// Loads a model from bytes the caller keeps alive and unchanged for the
  /// model's lifetime (e.g. flash). Cost: O(file size) (CRCs, inflation)
  /// plus O(operators · activations) for the plan check.
  ///
  /// `verifyingWeights: false` skips the CRC-32 of the weight sections (`WGHT`,
  /// `PACK`, `WINO`, `PKI8`), the one cost that grows with the model, for bytes already known
  /// good (checked when flashed or downloaded). Every structural check stays, so
  /// corrupt weights can give wrong answers but never an out-of-bounds access.
  public convenience init(borrowing bytes: UnsafeRawBufferPointer, verifyingWeights: Bool = true) throws(SlimError) {
    try self.init(file: bytes, backing: .borrowed, verifyingWeights: verifyingWeights)
  }

  /// Loads a model from a copy of `bytes` (aligned, owned by the model).
  public convenience init(copying bytes: [UInt8]) throws(SlimError) {
    let buffer = OwnedBuffer(byteCount: bytes.count)
    bytes.withUnsafeBytes { buffer.bytes.copyMemory(from: $0) }
    try self.init(file: UnsafeRawBufferPointer(buffer.bytes), backing: .owned(buffer))
  }

  #if canImport(Glibc) || canImport(Darwin)
    /// Maps the file at `path` read-only and loads it (hosted systems only).
    /// `verifyingWeights` as in `init(borrowing:verifyingWeights:)`.
    public convenience init(contentsOfFile path: String, verifyingWeights: Bool = true) throws(SlimError) {
      let file = try MappedFile(path: path)
      try self.init(file: file.bytes, backing: .mapped(file), verifyingWeights: verifyingWeights)
    }
  #endif

  private init(file: UnsafeRawBufferPointer, backing: Backing, verifyingWeights: Bool = true) throws(SlimError) {
    let table = try SectionTable.parse(file, verifyingWeights: verifyingWeights)

    /// The decoded bytes of a section, and the buffer that owns them if inflated.
    func decode(_ tag: FourCC) throws(SlimError) -> (bytes: UnsafeRawBufferPointer, owner: OwnedBuffer?) {
      guard let entry = table.entry(tag) else { return (UnsafeRawBufferPointer(start: nil, count: 0), nil) }
      let stored = UnsafeRawBufferPointer(rebasing: file[entry.offset..<entry.offset + entry.storedSize])
      guard entry.isCompressed else { return (stored, nil) }
      let buffer = OwnedBuffer(byteCount: entry.rawSize)
      try Inflater.inflate(stored, into: buffer.bytes, section: tag)
      return (UnsafeRawBufferPointer(buffer.bytes), buffer)
    }

    var graph: GraphSection
    do {
      // The graph's buffer (if inflated) is released when this scope ends;
      // parsing copies everything it keeps.
      let section = try decode(SlimFormat.graphTag)
      graph = try GraphSection.parse(section.bytes)
      withExtendedLifetime(section.owner) {}
    }
    let planSection = try decode(SlimFormat.planTag)
    let plan = try MemoryPlan.parse(planSection.bytes, tensors: graph.tensors)
    withExtendedLifetime(planSection.owner) {}
    var metadata = SlimMetadata()
    if table.entry(SlimFormat.metadataTag) != nil {
      let section = try decode(SlimFormat.metadataTag)
      metadata = try SlimMetadata.parse(section.bytes)
      withExtendedLifetime(section.owner) {}
    }
    let weights = try decode(SlimFormat.weightsTag)
    if weights.owner == nil, let base = weights.bytes.baseAddress,
      Int(bitPattern: base) % MemoryLayout<Float>.alignment != 0
    {
      throw .misalignedBuffer(alignment: MemoryLayout<Float>.alignment)
    }

    geometries = try Self.validate(graph: &graph, plan: plan, weightsSize: weights.bytes.count)
    try Self.validateRequantization(operators: graph.operators, tensors: graph.tensors, weights: weights.bytes)
    let packed = try decode(SlimFormat.packedWeightsTag)
    packedWeightOffsets = try PackedWeights.parse(packed.bytes, geometries: geometries)
    packedWeights = packed.bytes
    inflatedPackedWeights = packed.owner
    let winograd = try decode(SlimFormat.winogradWeightsTag)
    winogradWeightOffsets = try PackedWeights.parse(winograd.bytes, geometries: geometries, layout: .winograd)
    winogradWeights = winograd.bytes
    inflatedWinogradWeights = winograd.owner
    let int8Packed = try decode(SlimFormat.int8PackedWeightsTag)
    int8PackedWeightOffsets = try PackedWeights.parse(int8Packed.bytes, geometries: geometries, layout: .blockedInt8)
    int8PackedWeights = int8Packed.bytes
    inflatedInt8PackedWeights = int8Packed.owner
    let int8Quads = try decode(SlimFormat.int8QuadWeightsTag)
    int8QuadWeightOffsets = try PackedWeights.parse(int8Quads.bytes, geometries: geometries, layout: .quadInt8)
    int8QuadWeights = int8Quads.bytes
    inflatedInt8QuadWeights = int8Quads.owner
    arenaSize = plan.arenaSize
    tensors = graph.tensors
    operators = graph.operators
    inputIndices = graph.inputs
    outputIndices = graph.outputs
    self.metadata = metadata
    sections = table.entries.map(SlimSectionSummary.init)
    fileSize = file.count
    self.weights = weights.bytes
    self.backing = backing
    inflatedWeights = weights.owner
  }

  /// Raw pointer to constant tensor `index`'s data (any dtype).
  /// Precondition: the tensor is a constant (validated inside `weights`).
  func constantBytes(_ index: Int) -> UnsafeRawPointer {
    weights.baseAddress! + tensors[index].offset
  }

  /// Whether the file has a `PACK` section (see `slim-pack --packed-weights`).
  public var hasPackedWeights: Bool { packedWeights.count > 0 }

  /// Whether the file has a `WINO` section (Winograd-transformed 3x3 weights, format 1.4).
  public var hasWinogradWeights: Bool { winogradWeights.count > 0 }

  /// Whether the file has a `PKI8` section (pre-packed int8 convolution weights, format 1.5).
  public var hasInt8PackedWeights: Bool { int8PackedWeights.count > 0 }

  /// Whether the file has a `PKQ8` section (int8 convolution weights packed for the
  /// byte dot product, format 1.6).
  public var hasInt8QuadWeights: Bool { int8QuadWeights.count > 0 }

  /// The pre-packed weights of operator `index` from `PACK`, if the file has them.
  /// Precondition: `index < operators.count`.
  func packedWeights(ofOperator index: Int) -> UnsafePointer<Float>? {
    // Validated: inside the section, 64-aligned offset, a whole number of floats.
    packedWeightOffsets[index].map { (packedWeights.baseAddress! + $0).assumingMemoryBound(to: Float.self) }
  }

  /// The Winograd-transformed weights of operator `index` from `WINO`, if the file has them.
  /// Precondition: `index < operators.count`.
  func winogradWeights(ofOperator index: Int) -> UnsafePointer<Float>? {
    winogradWeightOffsets[index].map { (winogradWeights.baseAddress! + $0).assumingMemoryBound(to: Float.self) }
  }

  /// The pre-packed int8 weights of operator `index` from `PKI8`, if the file has them.
  /// Precondition: `index < operators.count`.
  func int8PackedWeights(ofOperator index: Int) -> UnsafePointer<Int8>? {
    int8PackedWeightOffsets[index].map { (int8PackedWeights.baseAddress! + $0).assumingMemoryBound(to: Int8.self) }
  }

  /// The `quads`-packed int8 weights of operator `index` from `PKQ8`, and the raw
  /// `Int32` sums of each output channel's weights after them, if the file has them.
  /// Precondition: `index < operators.count`.
  func int8QuadWeights(ofOperator index: Int) -> (weights: UnsafePointer<Int8>, sums: UnsafeRawPointer)? {
    guard let offset = int8QuadWeightOffsets[index], case .int8(.conv2d(let g, _)) = geometries[index] else {
      return nil
    }
    let weights = int8QuadWeights.baseAddress! + offset
    return (weights.assumingMemoryBound(to: Int8.self), weights + BlockedConv2DInt8.packedCount(g, .quads))
  }

  /// Pointer to constant tensor `index`'s data.
  /// Precondition: the tensor is a constant (validated inside `weights`).
  func constantData(_ index: Int) -> UnsafePointer<Float> {
    // Validation proved offset + byteSize <= weights.count with byteSize >= 4,
    // so the base address exists; alignment was checked at load.
    (weights.baseAddress! + tensors[index].offset).assumingMemoryBound(to: Float.self)
  }
}
