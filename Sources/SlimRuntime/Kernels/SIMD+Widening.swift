// Lane-width changes the int8 kernels make in their inner loops, written lane by
// lane (the optimizer turns them into one `vpmovsxbd` or a pack). The standard
// library's generic `init(truncatingIfNeeded:)` between vector types is not always
// inlined: once the int8 kernels grew, it was left as a call in the blocked
// convolution's innermost loop, which then kept its accumulators on the stack and
// ran 2.3x slower.

extension SIMD4 where Scalar == Int8 {
  /// The lanes sign-extended to `Int32`. Cost: one `vpmovsxbd` on x86.
  @inline(__always)
  var widened: SIMD4<Int32> { SIMD4<Int32>(Int32(self[0]), Int32(self[1]), Int32(self[2]), Int32(self[3])) }
}

extension SIMD8 where Scalar == Int8 {
  /// Lanes `2i` and `2i+1` sign-extended to 16 bits, as the low and high half of
  /// lane `i`: four int8 pairs as `Int8InputWords.pair`s. Cost: one `vpmovsxbw`.
  @inline(__always)
  var widenedPairs: SIMD4<Int32> {
    var halves = SIMD8<Int16>()
    for lane in 0..<8 { halves[lane] = Int16(self[lane]) }
    return unsafeBitCast(halves, to: SIMD4<Int32>.self)
  }

  /// The lanes sign-extended to `Int32`. Cost: one instruction with SSE4.1 or AVX2.
  @inline(__always)
  var widened: SIMD8<Int32> {
    SIMD8<Int32>(
      Int32(self[0]), Int32(self[1]), Int32(self[2]), Int32(self[3]), Int32(self[4]), Int32(self[5]),
      Int32(self[6]), Int32(self[7]))
  }
}

extension SIMD8 where Scalar == Int32 {
  /// The low 8 bits of each lane (callers clamp to `Int8`'s range first).
  @inline(__always)
  var narrowed: SIMD8<Int8> {
    SIMD8<Int8>(
      Int8(truncatingIfNeeded: self[0]), Int8(truncatingIfNeeded: self[1]), Int8(truncatingIfNeeded: self[2]),
      Int8(truncatingIfNeeded: self[3]), Int8(truncatingIfNeeded: self[4]), Int8(truncatingIfNeeded: self[5]),
      Int8(truncatingIfNeeded: self[6]), Int8(truncatingIfNeeded: self[7]))
  }

  /// `SIMD16.clampedToInt8` in eight lanes.
  @inline(__always)
  func clampedToInt8(_ low: SIMD8<Int32>, _ high: SIMD8<Int32>) -> SIMD8<Int8> {
    var clamped = SIMD8<Int32>()
    for lane in 0..<8 { clamped[lane] = Swift.min(Swift.max(self[lane], low[lane]), high[lane]) }
    return clamped.narrowed
  }
}

extension SIMD8 where Scalar == Int32 {
  /// The same 32 bytes as sixteen `Int16` lanes, low half of each lane first.
  @inline(__always)
  var halves: SIMD16<Int16> { unsafeBitCast(self, to: SIMD16<Int16>.self) }
}

extension SIMD16 where Scalar == Int16 {
  /// The lanes sign-extended to `Int32`.
  @inline(__always)
  var widened: SIMD16<Int32> {
    var result = SIMD16<Int32>()
    for lane in 0..<16 { result[lane] = Int32(self[lane]) }
    return result
  }
}

/// Lane `i` of the result is `a[2i]·b[2i] + a[2i+1]·b[2i+1]` in wrapping `Int32`
/// arithmetic, which is exactly what x86's `vpmaddwd` computes; the optimizer turns
/// this form into that one instruction (16 multiply-adds) on AVX2 builds.
@inline(__always)
func pairwiseDot(_ a: SIMD16<Int16>, _ b: SIMD16<Int16>) -> SIMD8<Int32> {
  let products = a.widened &* b.widened
  return products.evenHalf &+ products.oddHalf
}

extension SIMD16 where Scalar == Int32 {
  /// Each lane plus `pairwiseDot` of the two 16-bit halves of the same lane of `a`
  /// and `b`: the 16-lane form of the 8-lane `sums &+ pairwiseDot(a.halves, b.halves)`,
  /// for the int8 pointwise kernel's `pairs` in `SLIM_AVX512` builds, as two such halves.
  @inline(__always)
  func addingPairwiseDot(_ a: SIMD16<Int32>, _ b: SIMD16<Int32>) -> SIMD16<Int32> {
    SIMD16(
      lowHalf: lowHalf &+ pairwiseDot(a.lowHalf.halves, b.lowHalf.halves),
      highHalf: highHalf &+ pairwiseDot(a.highHalf.halves, b.highHalf.halves))
  }
}

extension SIMD16 where Scalar == Int8 {
  /// The lanes sign-extended to `Int16`. Cost: one `vpmovsxbw` on AVX2.
  @inline(__always)
  var widened: SIMD16<Int16> {
    var result = SIMD16<Int16>()
    for lane in 0..<16 { result[lane] = Int16(self[lane]) }
    return result
  }
}

extension SIMD16 where Scalar == Int8 {
  /// The lanes sign-extended to `Int32`. Cost: one `vpmovsxbd` on AVX-512.
  @inline(__always)
  var widenedToInt32: SIMD16<Int32> {
    var result = SIMD16<Int32>()
    for lane in 0..<16 { result[lane] = Int32(self[lane]) }
    return result
  }
}

extension SIMD16 where Scalar == UInt8 {
  /// The lanes zero-extended to `UInt32` (the byte-dot kernels' quads, `ByteQuads`).
  /// Cost: one `vpmovzxbd` on x86 with AVX-512.
  @inline(__always)
  var zeroExtended: SIMD16<UInt32> {
    var result = SIMD16<UInt32>()
    for lane in 0..<16 { result[lane] = UInt32(self[lane]) }
    return result
  }
}

extension SIMD16 where Scalar == UInt16 {
  /// The lanes zero-extended to `UInt32`. Cost: one `vpmovzxwd` on x86 with AVX-512.
  @inline(__always)
  var zeroExtended: SIMD16<UInt32> {
    var result = SIMD16<UInt32>()
    for lane in 0..<16 { result[lane] = UInt32(self[lane]) }
    return result
  }
}

extension SIMD16 where Scalar == Int32 {
  /// The low 8 bits of each lane (callers clamp to `Int8`'s range first). Cost: one
  /// `vpmovdb` on AVX-512.
  @inline(__always)
  var narrowed: SIMD16<Int8> {
    var result = SIMD16<Int8>()
    for lane in 0..<16 { result[lane] = Int8(truncatingIfNeeded: self[lane]) }
    return result
  }

  /// The lanes clamped to `low...high` (int8 values, `low ≤ high`) and narrowed: the
  /// int8 output stage's last step. Lane by lane rather than
  /// `clamped(lowerBound:upperBound:)`, whose generic `pointwiseMin`/`pointwiseMax` were
  /// left as calls; LLVM makes the loop one `vpmaxsd` and one `vpminsd`. Compares and
  /// blends, as this was before, took four instructions, and in the requantization of
  /// the 16-lane int8 depthwise store (about 20) that was 5–10% of the layer
  /// (`Tools/bench/depthwise.swift`). Cost: two instructions and a `vpmovdb` on AVX-512.
  @inline(__always)
  func clampedToInt8(_ low: SIMD16<Int32>, _ high: SIMD16<Int32>) -> SIMD16<Int8> {
    var clamped = SIMD16<Int32>()
    for lane in 0..<16 { clamped[lane] = Swift.min(Swift.max(self[lane], low[lane]), high[lane]) }
    return clamped.narrowed
  }
}
