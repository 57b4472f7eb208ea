// A software prefetch, for kernels that stream weights larger than the caches.
//
// With `SLIM_PREFETCH` (native builds, see Package.swift) it is LLVM's prefetch
// intrinsic (`prefetcht0` on x86-64, checked with `objdump -d`), reached, as
// `SIMD+ByteDot.swift`'s `vpdpbusd` is, through the compiler's `Builtin` module under the same exception: no Swift
// operation lowers to it, the import exists only where the define is set, and
// Embedded and portable builds compile the no-op (Tools/check-embedded.sh and the
// firmware build check it).
//
// Why a kernel wants it: a micro-kernel's multiply-adds wait on each weight load, so
// when the weights come from memory rather than a cache the scheduler fills with
// waiting multiply-adds a few taps after the load that missed, and no further loads
// issue; a prefetch does not wait, so it keeps the memory busy ahead of the loads.
#if SLIM_PREFETCH
  import Builtin
#endif

/// Software prefetch hints. Hints only: results never depend on them, and an address
/// past the end of a buffer is allowed (a prefetch does not fault).
enum Prefetch {
  /// Bytes ahead of a weight stream's current load that the streaming kernels
  /// prefetch: measured on VGG-16's 512-channel 4x4 and 2x2 layers (see
  /// `BlockedConv2D.pairMicroKernel`), where 2 KiB beat 512 B and 1 KiB and matched 4 KiB.
  static let weightDistance = 2048

  /// Asks for the cache line holding `address` in the first-level cache, for a read.
  /// Cost: one instruction with `SLIM_PREFETCH`, none otherwise.
  @_transparent
  static func read(_ address: UnsafeRawPointer) {
    #if SLIM_PREFETCH
      // Operands: read (0), highest locality (3: keep in every level), data cache (1).
      Builtin.int_prefetch_RawPointer(address._rawValue, Int32(0)._value, Int32(3)._value, Int32(1)._value)
    #endif
  }

  /// Asks for the cache line holding `address` in the second-level cache, for a read
  /// (`prefetcht1` on x86-64): for lines wanted thousands of instructions later, which
  /// in the first-level cache would evict what the kernel reads before them.
  /// Cost: one instruction with `SLIM_PREFETCH`, none otherwise.
  @_transparent
  static func readIntoSecondLevel(_ address: UnsafeRawPointer) {
    #if SLIM_PREFETCH
      // Operands: read (0), locality 2 (not the first-level cache), data cache (1).
      Builtin.int_prefetch_RawPointer(address._rawValue, Int32(0)._value, Int32(2)._value, Int32(1)._value)
    #endif
  }
}
