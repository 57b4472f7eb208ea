#if canImport(Glibc)
  import Glibc
#endif

/// Zero-filled memory for a session's arena, owned and freed by the session.
///
/// On Linux, arenas of at least `hugePage` bytes are mapped fresh from the kernel
/// (zero by definition, so nothing is written here) on 2 MiB boundaries and
/// advised for transparent huge pages, so the first run takes a few 2 MiB page
/// faults instead of one per 4 KiB page. Zeroing MobileNetV2's 6 MB arena with a
/// store loop was most of its session creation. Elsewhere, and for small arenas,
/// it is heap memory zeroed with a store loop.
struct ZeroedMemory {
  /// The usable bytes: `byteCount` of them, aligned to at least `alignment`.
  let bytes: UnsafeMutableRawBufferPointer
  /// The whole mapping to unmap, or nil for heap memory.
  private let mapping: UnsafeMutableRawBufferPointer?

  /// Bytes of one transparent huge page on x86-64 and arm64 Linux.
  static let hugePage = 2 << 20

  /// Allocates `byteCount` (≥ 1) zeroed bytes aligned to `alignment` (a power of two
  /// ≤ 4096). Cost: O(1) for a mapping (the kernel zeroes pages when first touched),
  /// O(byteCount) for heap memory.
  static func allocate(byteCount: Int, alignment: Int) -> ZeroedMemory {
    #if canImport(Glibc)
      if byteCount >= hugePage, let memory = mapped(byteCount: byteCount) { return memory }
    #endif
    let heap = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: alignment)
    heap.initializeMemory(as: UInt8.self, repeating: 0)
    return ZeroedMemory(bytes: heap, mapping: nil)
  }

  #if canImport(Glibc)
    /// An anonymous private mapping with `byteCount` bytes from a huge-page boundary
    /// on, or nil when the kernel refuses one (the caller falls back to the heap).
    private static func mapped(byteCount: Int) -> ZeroedMemory? {
      let length = (byteCount + hugePage - 1) / hugePage * hugePage + hugePage
      let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
      guard let address, address != MAP_FAILED else { return nil }
      let offset = (hugePage - Int(bitPattern: address) % hugePage) % hugePage
      let start = address + offset
      // Advice only: without transparent huge pages the mapping still works with small pages.
      _ = madvise(start, length - offset, MADV_HUGEPAGE)
      return ZeroedMemory(
        bytes: UnsafeMutableRawBufferPointer(start: start, count: byteCount),
        mapping: UnsafeMutableRawBufferPointer(start: address, count: length))
    }
  #endif

  /// Frees the memory. Precondition: called once, after the last use of `bytes`.
  func deallocate() {
    #if canImport(Glibc)
      if let mapping {
        munmap(mapping.baseAddress, mapping.count)
        return
      }
    #endif
    bytes.deallocate()
  }
}
