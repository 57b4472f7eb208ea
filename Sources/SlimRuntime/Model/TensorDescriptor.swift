/// One tensor of the graph: shape, storage class and where its data lives.
///
/// Parsed from a 48-byte `GRPH` descriptor; `offset` is filled in from `PLAN`
/// for activations. All fields are validated: dims in 1...2^24, rank 1...4,
/// `byteSize` consistent with the shape.
public struct TensorDescriptor: Equatable, Sendable {
  public enum Storage: UInt8, Sendable {
    /// Lives in the arena at `offset`.
    case activation = 0
    /// Lives in the decoded `WGHT` section at `offset`.
    case constant = 1
  }

  public let storage: Storage
  /// Element type; graph outputs are always float32, graph inputs float32 or uint8 pixels.
  public let dtype: SlimDType
  /// Dimensions, outermost first (NCHW for 4-D activations).
  public let shape: [Int]
  public let elementCount: Int
  /// Byte offset in the arena (activations) or in the decoded `WGHT` (constants).
  public internal(set) var offset: Int

  /// Size in bytes of the data (element count × element size).
  public var byteSize: Int { elementCount &* dtype.size }

  init(storage: Storage, shape: [Int], elementCount: Int, offset: Int, dtype: SlimDType = .float32) {
    self.storage = storage
    self.dtype = dtype
    self.shape = shape
    self.elementCount = elementCount
    self.offset = offset
  }

  /// Reads and validates one descriptor. Cost: O(1).
  static func parse(_ reader: inout ByteReader, index: Int) throws(SlimError) -> TensorDescriptor {
    func fail(_ reason: SlimError.TensorProblem) -> SlimError { .invalidTensor(index: index, reason: reason) }
    let dtype = try reader.readU8()
    let storageByte = try reader.readU8()
    let rank = try reader.readU8()
    try reader.skip(1)
    guard let elementType = SlimDType(rawValue: dtype) else { throw fail(.unsupportedDType(dtype)) }
    guard let storage = Storage(rawValue: storageByte) else { throw fail(.unknownStorage(storageByte)) }
    guard rank >= 1, Int(rank) <= SlimFormat.maxRank else { throw fail(.rank(rank)) }
    var shape: [Int] = []
    shape.reserveCapacity(Int(rank))
    var count = 1
    for axis in 0..<SlimFormat.maxRank {
      let dim = try reader.readU32()
      if axis < Int(rank) {
        guard dim >= 1, dim <= UInt32(SlimFormat.maxDimension) else { throw fail(.dimension(axis: axis, value: dim)) }
        shape.append(Int(dim))
        let (product, overflow) = count.multipliedReportingOverflow(by: Int(dim))
        // Bounding by the 1 GiB section limit keeps byteSize arithmetic in range on 32-bit targets.
        guard !overflow, product <= SlimFormat.maxSectionSize / 4 else {
          throw fail(.tooLarge)
        }
        count = product
      } else if dim != 0 {
        throw fail(.unusedDimension(axis: axis))
      }
    }
    try reader.skip(4)
    let offset = try reader.readU64()
    let byteSize = try reader.readU64()
    try reader.skip(8)
    let expectedSize = count * elementType.size
    guard byteSize == UInt64(expectedSize) else {
      throw fail(.byteSizeMismatch(declared: byteSize, expected: expectedSize))
    }
    switch storage {
    case .activation:
      guard offset == 0 else { throw fail(.activationOffset(offset)) }
    case .constant:
      guard offset % UInt64(SlimFormat.sectionAlignment) == 0 else { throw fail(.misalignedConstant) }
      guard offset <= UInt64(SlimFormat.maxSectionSize) else { throw fail(.constantOutOfWeights) }
    }
    return TensorDescriptor(
      storage: storage, shape: shape, elementCount: count, offset: Int(offset), dtype: elementType)
  }
}
