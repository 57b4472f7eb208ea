import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that a reader sees either the old file or the complete new one.
///
/// The bytes go to a temporary file in the destination's folder (same file
/// system, so the rename is atomic), are flushed with `fsync`, and the file is
/// renamed over the destination. On any failure the temporary file is removed
/// and the destination is untouched. Refuses to overwrite a path that names
/// the same file as one of `protecting` (the command's input).
public enum AtomicFile {
  public enum Failure: Error, Equatable, CustomStringConvertible {
    case wouldOverwriteInput(path: String)
    case cannotCreate(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case renameFailed(path: String, reason: String)

    public var description: String {
      switch self {
      case .wouldOverwriteInput(let path):
        return "refusing to write '\(path)': it is the input file; choose another output path"
      case .cannotCreate(let path, let reason): return "cannot create a file next to '\(path)': \(reason)"
      case .writeFailed(let path, let reason): return "writing '\(path)' failed: \(reason)"
      case .renameFailed(let path, let reason): return "cannot move the new file into place at '\(path)': \(reason)"
      }
    }
  }

  /// Writes `bytes` to `path` atomically. `protecting` lists input paths the
  /// output must not replace (compared after resolving links and `..`).
  public static func write(_ bytes: [UInt8], to path: String, protecting inputs: [String] = []) throws(Failure) {
    let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    for input in inputs
    where sameFile(URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath(), target) {
      throw .wouldOverwriteInput(path: path)
    }
    let folder = target.deletingLastPathComponent().path
    var template = Array("\(folder)/.\(target.lastPathComponent).tmp-XXXXXX".utf8CString)
    let descriptor =
      simulatedFailure == .create ? -1 : template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var committed = false
    defer {
      if !committed { unlink(temporary) }
    }
    do {
      defer { close(descriptor) }
      var written = 0
      while written < bytes.count {
        let result = bytes.withUnsafeBytes { raw in
          Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
        }
        if result < 0 || simulatedFailure == .write {
          if result < 0, errno == EINTR { continue }
          throw Failure.writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        written += result
      }
      guard simulatedFailure != .sync, fsync(descriptor) == 0 else {
        throw Failure.writeFailed(path: path, reason: String(cString: strerror(errno)))
      }
      // mkstemp creates 0600; a model file is an ordinary document.
      fchmod(descriptor, 0o644)
    } catch let failure as Failure {
      throw failure
    } catch {
      throw .writeFailed(path: path, reason: "\(error)")
    }
    try testHook?(temporary)
    guard simulatedFailure != .rename, rename(temporary, target.path) == 0 else {
      throw .renameFailed(path: path, reason: String(cString: strerror(errno)))
    }
    committed = true
  }

  /// The steps of a write, for tests that simulate a failure at each one.
  enum Stage: CaseIterable { case create, write, sync, rename }

  /// Tests set this to make `stage` fail as if the system call had.
  nonisolated(unsafe) static var simulatedFailure: Stage?

  /// Tests set this to fail between writing and renaming, to check that nothing is left behind.
  nonisolated(unsafe) static var testHook: ((String) throws(Failure) -> Void)?

  private static func sameFile(_ a: URL, _ b: URL) -> Bool {
    if a.path == b.path { return true }
    var sa = stat()
    var sb = stat()
    guard stat(a.path, &sa) == 0, stat(b.path, &sb) == 0 else { return false }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
  }
}
