import SlimRuntime

/// The `slim_status` codes of `include/slim.h`; the raw values are ABI and
/// must not change.
enum SlimStatus: Int32 {
  case ok = 0
  case invalidArgument = 1
  case malformed = 2
  case unsupported = 3
  case misaligned = 4
  case arenaTooSmall = 5
  case shapeMismatch = 6
  case io = 7
  case dtypeMismatch = 8

  /// Groups runtime errors into what a C caller can act on; the message
  /// buffer carries the specific case.
  init(_ error: SlimError) {
    switch error {
    case .unsupportedVersion, .compressionUnavailable, .unknownRequiredSection: self = .unsupported
    case .misalignedBuffer: self = .misaligned
    case .arenaTooSmall: self = .arenaTooSmall
    case .inputCountMismatch, .outputCountMismatch, .inputSizeMismatch, .outputSizeMismatch: self = .shapeMismatch
    case .fileOpenFailed: self = .io
    case .inputDTypeMismatch: self = .dtypeMismatch
    default: self = .malformed
    }
  }

  /// The header's name for the code, NUL-terminated (the explicit `\0` makes
  /// that a property of the literal, not of how the compiler lays it out).
  var name: StaticString {
    switch self {
    case .ok: "SLIM_OK\0"
    case .invalidArgument: "SLIM_ERROR_INVALID_ARGUMENT\0"
    case .malformed: "SLIM_ERROR_MALFORMED\0"
    case .unsupported: "SLIM_ERROR_UNSUPPORTED\0"
    case .misaligned: "SLIM_ERROR_MISALIGNED\0"
    case .arenaTooSmall: "SLIM_ERROR_ARENA_TOO_SMALL\0"
    case .shapeMismatch: "SLIM_ERROR_SHAPE_MISMATCH\0"
    case .io: "SLIM_ERROR_IO\0"
    case .dtypeMismatch: "SLIM_ERROR_DTYPE_MISMATCH\0"
    }
  }
}

/// `slim_status_name`: a static name for any status value, known or not.
@_cdecl("slim_status_name")
public func slimStatusName(_ status: Int32) -> UnsafePointer<CChar> {
  let name: StaticString = SlimStatus(rawValue: status)?.name ?? "SLIM_UNKNOWN_STATUS\0"
  return UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
}
