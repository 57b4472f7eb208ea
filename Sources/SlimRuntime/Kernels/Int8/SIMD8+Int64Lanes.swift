// The 64-bit lane changes of the vector requantization, written lane by lane for the
// reason `SIMD+Widening.swift` gives. Here, under Int8/, rather than beside those:
// the firmware size report compiles the top-level kernels with -no-allocations, which
// on 32-bit targets rejects every `Int64` conversion (see Tools/firmware/build.sh).

extension SIMD8 where Scalar == Int32 {
  /// The lanes sign-extended to `Int64`. Cost: one `vpmovsxdq` with AVX-512.
  @inline(__always)
  var widened: SIMD8<Int64> {
    var result = SIMD8<Int64>()
    for lane in 0..<8 { result[lane] = Int64(self[lane]) }
    return result
  }
}

extension SIMD8 where Scalar == Int64 {
  /// The low 32 bits of each lane. Cost: one `vpmovqd` with AVX-512.
  @inline(__always)
  var truncated: SIMD8<Int32> {
    var result = SIMD8<Int32>()
    for lane in 0..<8 { result[lane] = Int32(truncatingIfNeeded: self[lane]) }
    return result
  }
}
