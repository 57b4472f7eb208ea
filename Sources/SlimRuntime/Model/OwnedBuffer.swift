/// Heap memory aligned to 64 bytes that is freed with its owner: copies of a
/// file and inflated sections.
final class OwnedBuffer {
  let bytes: UnsafeMutableRawBufferPointer

  /// Allocates `byteCount` bytes (at least 1, so the base address is never nil), zeroed.
  init(byteCount: Int) {
    let storage = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(byteCount, 1), alignment: SlimFormat.sectionAlignment)
    storage.initializeMemory(as: UInt8.self, repeating: 0)
    bytes = UnsafeMutableRawBufferPointer(rebasing: storage[0..<byteCount])
  }

  deinit { bytes.deallocate() }
}
