// The byte dot product of the int8 convolution's quad kernels, in 8 and 16 lanes.
// With `SLIM_VNNI` (native builds on x86 with AVX-512 VNNI, see Package.swift) it is
// one `vpdpbusd` (256 or 512 bits), reached through the compiler's `Builtin` module because no Swift SIMD operation
// lowers to it: a lane of four unsigned bytes times a lane of four signed bytes is
// widened past what the generic conversions express, and LLVM does not match the
// pattern. Every other build computes the same bits in 32-bit lanes, so the kernel
// (and its tests against the reference) is the same code everywhere.
//
// This and `Prefetch.swift` are the runtime's only imports beyond the standard
// library, and a deliberate exception: `Builtin` is the compiler's module that the
// standard library itself is written on, not a package, and the import exists only
// where `SLIM_VNNI` (here) or `SLIM_PREFETCH` (there) is defined: native hosted
// builds; Embedded and portable builds never see it, which Tools/check-embedded.sh
// and the firmware build check. Routes without it were tried
// and fail: `@_silgen_name("llvm.x86.avx512.vpdpbusd.256")` breaks the LLVM module (the
// Swift convention returns `SIMD8<Int32>` indirectly), `@_extern(c, ...)` rejects SIMD
// types, and LLVM turns neither a lane-wise nor a widened-vector form of the dot
// product into the 256-bit instruction (it emits `vpdpwssd`, 128-bit pieces assembled
// byte by byte, or plain multiplies).
// Should the feature go away, dropping `SLIM_VNNI` in Package.swift leaves the
// emulation, with the same bits at the `pairs` kernels' speed or below.
#if SLIM_VNNI
  import Builtin
#endif

extension SIMD8 where Scalar == Int32 {
  /// `self` plus, in each lane, the sum of the four products of its bytes in
  /// `unsigned` (each 0...255) and `signed` (each −128...127), byte `j` with byte
  /// `j`, in wrapping `Int32` arithmetic: `vpdpbusd`'s definition (the products fit
  /// 16 bits and their sum 18, so only the final add can wrap).
  /// Cost: one `vpdpbusd` with `SLIM_VNNI`; about 20 vector operations otherwise.
  @_transparent
  func addingByteDot(unsigned: SIMD8<Int32>, signed: SIMD8<Int32>) -> SIMD8<Int32> {
    #if SLIM_VNNI
      var result = SIMD8<Int32>()
      result._storage._value = Builtin.int_x86_avx512_vpdpbusd_256(
        _storage._value, unsigned._storage._value, signed._storage._value)
      return result
    #else
      let mask = SIMD8<Int32>(repeating: 0xFF)
      var sum = self
      sum &+= (unsigned & mask) &* ((signed &<< 24) &>> 24)
      sum &+= ((unsigned &>> 8) & mask) &* ((signed &<< 16) &>> 24)
      sum &+= ((unsigned &>> 16) & mask) &* ((signed &<< 8) &>> 24)
      sum &+= ((unsigned &>> 24) & mask) &* (signed &>> 24)
      return sum
    #endif
  }
}

extension SIMD16 where Scalar == Int32 {
  /// The 16-lane `SIMD8.addingByteDot(unsigned:signed:)`, for the int8 pointwise
  /// kernel's pixel vectors in `SLIM_AVX512` builds and the general kernel's 16- and
  /// 32-channel calls (`runWide`). Cost: one 512-bit `vpdpbusd` with `SLIM_VNNI`; the
  /// 8-lane form twice otherwise.
  @_transparent
  func addingByteDot(unsigned: SIMD16<Int32>, signed: SIMD16<Int32>) -> SIMD16<Int32> {
    #if SLIM_VNNI
      var result = SIMD16<Int32>()
      result._storage._value = Builtin.int_x86_avx512_vpdpbusd_512(
        _storage._value, unsigned._storage._value, signed._storage._value)
      return result
    #else
      return SIMD16(
        lowHalf: lowHalf.addingByteDot(unsigned: unsigned.lowHalf, signed: signed.lowHalf),
        highHalf: highHalf.addingByteDot(unsigned: unsigned.highHalf, signed: signed.highHalf))
    #endif
  }
}
