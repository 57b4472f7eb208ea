#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads `torch.save` checkpoints (the zip format of PyTorch >= 1.6) without
/// Python and without executing anything in them.
///
/// The archive is `<name>/data.pkl` (the pickled object), `<name>/data/<key>`
/// (one raw little-endian storage per key), `<name>/byteorder` and a few
/// version entries. Tensors are converted to `Float` as they are unpickled.
public enum CheckpointReader {
  /// Reads the checkpoint file at `path`.
  public static func read(contentsOf path: String) throws(CheckpointError) -> TorchCheckpoint {
    try read(contentsOf: path, limits: CheckpointLimits())
  }

  /// Reads a checkpoint held in memory.
  public static func read(bytes: [UInt8]) throws(CheckpointError) -> TorchCheckpoint {
    try read(bytes: bytes, limits: CheckpointLimits())
  }

  static func read(
    contentsOf path: String, limits: CheckpointLimits
  ) throws(CheckpointError) -> TorchCheckpoint {
    try read(bytes: try readFile(path, limit: limits.maxFileBytes), limits: limits)
  }

  static func read(bytes: [UInt8], limits: CheckpointLimits) throws(CheckpointError)
    -> TorchCheckpoint
  {
    if bytes.count > limits.maxFileBytes {
      throw .tooLarge(what: "checkpoint size", limit: limits.maxFileBytes)
    }
    let archive = try ZipArchive(bytes: bytes, limits: limits)
    let prefix = try archivePrefix(archive)
    try checkByteOrder(archive, prefix: prefix)
    guard let pickleEntry = archive.entry(named: prefix + "data.pkl") else {
      throw .missingEntry(name: prefix + "data.pkl")
    }
    if pickleEntry.uncompressedSize > limits.maxPickleBytes {
      throw .tooLarge(what: "data.pkl size", limit: limits.maxPickleBytes)
    }
    let pickle = Array(try archive.contents(of: pickleEntry))
    let root = try Unpickler.unpickle(pickle, limits: limits) { key throws(CheckpointError) in
      let name = prefix + "data/" + key
      guard let entry = archive.entry(named: name) else { throw .missingEntry(name: name) }
      return try archive.contents(of: entry)
    }
    return TorchCheckpoint(root: root, entryNames: archive.entries.map(\.name))
  }

  /// The `<name>/` folder holding `data.pkl`; torch names it after the file.
  private static func archivePrefix(_ archive: ZipArchive) throws(CheckpointError) -> String {
    var prefixes: [String] = []
    var isTorchScript = false
    for entry in archive.entries {
      let parts = entry.name.split(separator: "/", omittingEmptySubsequences: false)
      if parts.count == 2, parts[1] == "data.pkl" { prefixes.append(parts[0] + "/") }
      if parts.count >= 2, parts[1] == "constants.pkl" || parts[1] == "code" {
        isTorchScript = true
      }
    }
    if isTorchScript { throw .torchScriptArchive }
    guard let prefix = prefixes.first else { throw .missingEntry(name: "<archive>/data.pkl") }
    guard prefixes.count == 1 else {
      throw .malformedArchive("several top-level folders hold a data.pkl")
    }
    return prefix
  }

  /// Storages are raw bytes in the saving machine's order; torch records it.
  /// Files from before the `byteorder` entry existed are little-endian.
  private static func checkByteOrder(
    _ archive: ZipArchive, prefix: String
  ) throws(CheckpointError) {
    guard let entry = archive.entry(named: prefix + "byteorder") else { return }
    guard entry.uncompressedSize <= 16 else {
      throw .malformedArchive("byteorder entry is too long")
    }
    switch String(decoding: try archive.contents(of: entry), as: UTF8.self) {
    case "little": return
    case "big": throw .bigEndian
    case let other: throw .malformedArchive("unknown byte order '\(other)'")
    }
  }

  /// Reads a whole file, refusing files above `limit` before allocating.
  private static func readFile(_ path: String, limit: Int) throws(CheckpointError) -> [UInt8] {
    guard let file = fopen(path, "rb") else {
      throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
    }
    defer { fclose(file) }
    var info = stat()
    guard fstat(fileno(file), &info) == 0 else {
      throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw .fileUnreadable(path: path, reason: "not a regular file")
    }
    let size = Int(info.st_size)
    if size > limit { throw .tooLarge(what: "checkpoint size", limit: limit) }
    var readCount = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
      if size > 0 { readCount = fread(buffer.baseAddress, 1, size, file) }
      initialized = readCount
    }
    guard readCount == size else {
      throw .fileUnreadable(path: path, reason: "short read (\(readCount) of \(size) bytes)")
    }
    return bytes
  }
}
