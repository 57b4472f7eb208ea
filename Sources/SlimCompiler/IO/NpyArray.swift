/// A NumPy `.npy` array (format versions 1–3), read as untrusted input.
///
/// Numeric dtypes are converted to `Float`; the original dtype is kept. We
/// write this small reader ourselves because no Swift package reads `.npy`,
/// and inputs arrive from users: every length and the shape product are
/// checked against the bytes actually present before anything is allocated.
public struct NpyArray: Sendable, Equatable {
  /// Element types this reader accepts (little-endian or byte-sized only).
  public enum DType: String, Sendable {
    case float32 = "<f4", float64 = "<f8", float16 = "<f2", int64 = "<i8", int32 = "<i4", uint8 = "|u1", int8 = "|i1"

    var size: Int {
      switch self {
      case .float64, .int64: return 8
      case .float32, .int32: return 4
      case .float16: return 2
      case .uint8, .int8: return 1
      }
    }
  }

  public var shape: [Int]
  public var values: [Float]
  public var dtype: DType

  public init(shape: [Int], values: [Float], dtype: DType = .float32) {
    self.shape = shape
    self.values = values
    self.dtype = dtype
  }

  /// Largest header accepted; NumPy itself caps headers far below this.
  public static let maxHeaderBytes = 1 << 16
  static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// Parses `.npy` bytes. Throws `NpyError` naming the problem.
  public init(bytes: [UInt8]) throws(NpyError) {
    guard bytes.count >= 10, Array(bytes[0..<6]) == Self.magic else { throw .notNpy }
    let major = bytes[6]
    let headerLength: Int
    let headerStart: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerStart = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw .truncated }
      headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
      headerStart = 12
    default:
      throw .unsupportedVersion(Int(major))
    }
    guard headerLength <= Self.maxHeaderBytes else { throw .headerTooLarge(headerLength) }
    guard bytes.count - headerStart >= headerLength else { throw .truncated }
    let header = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
    let fields = try NpyHeader(parsing: header)
    guard !fields.fortranOrder else { throw .unsupportedHeader("fortran_order True (save with np.ascontiguousarray)") }
    guard let dtype = DType(rawValue: fields.descr) ?? DType(rawValue: fields.descr.replacingFirst("=", with: "<"))
    else { throw .unsupportedDType(fields.descr) }

    var count = 1
    for dimension in fields.shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard dimension >= 0, !overflow else { throw .unsupportedHeader("shape \(fields.shape)") }
      count = product
    }
    let dataStart = headerStart + headerLength
    let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.size)
    guard !overflow, bytes.count - dataStart >= byteCount else {
      throw .dataSizeMismatch(expected: overflow ? Int.max : byteCount, actual: bytes.count - dataStart)
    }
    self.shape = fields.shape
    self.dtype = dtype
    self.values = bytes.withUnsafeBytes { raw in
      let data = UnsafeRawBufferPointer(rebasing: raw[dataStart..<dataStart + byteCount])
      return (0..<count).map { Self.element(data, at: $0, dtype: dtype) }
    }
  }

  private static func element(_ data: UnsafeRawBufferPointer, at index: Int, dtype: DType) -> Float {
    let offset = index * dtype.size
    switch dtype {
    case .float32:
      return Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    case .float64:
      return Float(
        Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
    case .float16:
      return ReducedFloat.float(
        fromHalfBits: UInt16(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    case .int64: return Float(Int64(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
    case .int32: return Float(Int32(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
    case .uint8: return Float(data[offset])
    case .int8: return Float(Int8(bitPattern: data[offset]))
    }
  }

  /// Serializes as a version 1.0 `.npy` file with `float32` elements, or the array's dtype
  /// when it is `int64` or `uint8` (pixels; values must then be 0...255 integers).
  public func serialized() -> [UInt8] {
    let descr = dtype == .int64 || dtype == .uint8 ? dtype : .float32
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
    // Pad so the data starts on a 64-byte boundary, header ending in a newline, as NumPy does.
    let unpadded = Self.magic.count + 4 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var bytes = Self.magic + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
    bytes += Array(header.utf8)
    bytes.reserveCapacity(bytes.count + values.count * descr.size)
    for value in values {
      if descr == .int64 {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
      } else if descr == .uint8 {
        bytes.append(UInt8(value))
      } else {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
      }
    }
    return bytes
  }
}

extension String {
  fileprivate func replacingFirst(_ target: Character, with replacement: Character) -> String {
    guard first == target else { return self }
    return String(replacement) + dropFirst()
  }
}
