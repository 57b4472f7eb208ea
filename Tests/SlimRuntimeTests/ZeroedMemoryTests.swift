import Testing

@testable import SlimRuntime

/// Both ways `ZeroedMemory` gets its bytes (a heap block below a huge page, a
/// huge-page-aligned mapping from one up) give zeroed, aligned, writable memory.
@Test(arguments: [1, 100, ZeroedMemory.hugePage - 1, ZeroedMemory.hugePage, 3 * ZeroedMemory.hugePage + 12_345])
func zeroedMemoryIsZeroAlignedAndWritable(byteCount: Int) {
  let memory = ZeroedMemory.allocate(byteCount: byteCount, alignment: 64)
  defer { memory.deallocate() }
  #expect(memory.bytes.count == byteCount)
  let base = Int(bitPattern: memory.bytes.baseAddress)
  #expect(base % 64 == 0)
  #if canImport(Glibc)
    if byteCount >= ZeroedMemory.hugePage { #expect(base % ZeroedMemory.hugePage == 0, "mapped on a huge page") }
  #endif
  #expect(memory.bytes.allSatisfy { $0 == 0 })
  // The first and last bytes: the usable range is inside the mapping.
  memory.bytes[0] = 0xCD
  memory.bytes[byteCount - 1] = 0xAB
  #expect(memory.bytes[byteCount - 1] == 0xAB)
  #expect(byteCount == 1 || memory.bytes[0] == 0xCD)
}
