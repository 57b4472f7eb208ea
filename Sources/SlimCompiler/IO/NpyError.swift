/// Why bytes could not be read as a `.npy` array.
public enum NpyError: Error, Equatable, CustomStringConvertible {
  case notNpy
  case truncated
  case unsupportedVersion(Int)
  case headerTooLarge(Int)
  case unsupportedHeader(String)
  case unsupportedDType(String)
  case dataSizeMismatch(expected: Int, actual: Int)

  public var description: String {
    switch self {
    case .notNpy: return "not a .npy file (the magic bytes \\x93NUMPY are missing)"
    case .truncated: return "the .npy file ends inside its header"
    case .unsupportedVersion(let v): return ".npy format version \(v) is not supported (1, 2 and 3 are)"
    case .headerTooLarge(let n): return ".npy header of \(n) bytes exceeds the \(NpyArray.maxHeaderBytes)-byte limit"
    case .unsupportedHeader(let h): return "cannot read the .npy header \(h.prefix(200))"
    case .unsupportedDType(let d):
      return
        ".npy dtype '\(d)' is not supported (use float32, float64, float16, int64, int32, uint8 or int8, little-endian)"
    case .dataSizeMismatch(let expected, let actual):
      return ".npy header promises \(expected) data bytes, the file has \(actual)"
    }
  }
}
