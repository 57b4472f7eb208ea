#if canImport(Glibc) || canImport(Darwin)
  #if canImport(Glibc)
    import Glibc
  #else
    import Darwin
  #endif

  /// A file mapped read-only into memory, unmapped when released (hosted only).
  ///
  /// Mapping lets the model read raw-stored weights in place, page-aligned,
  /// without copying the file.
  final class MappedFile {
    let bytes: UnsafeRawBufferPointer

    /// Maps the whole file at `path`. Cost: O(1) besides the system calls;
    /// pages are read lazily. Throws `fileOpenFailed` with `errno`.
    init(path: String) throws(SlimError) {
      let fd = open(path, O_RDONLY)
      guard fd >= 0 else { throw .fileOpenFailed(errno: errno) }
      // The mapping stays valid after the descriptor is closed.
      defer { close(fd) }
      var info = stat()
      guard fstat(fd, &info) == 0 else { throw .fileOpenFailed(errno: errno) }
      guard let size = Int(exactly: info.st_size), size > 0 else {
        // An empty file cannot be mapped; parsing the empty buffer reports it.
        bytes = UnsafeRawBufferPointer(start: nil, count: 0)
        return
      }
      guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
        address != UnsafeMutableRawPointer(bitPattern: -1)
      else { throw .fileOpenFailed(errno: errno) }
      bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
      if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
  }
#endif
