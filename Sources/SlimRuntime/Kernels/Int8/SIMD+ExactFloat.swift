// Small integers as `Float` and back, exactly, by adding and subtracting 1.5·2^23:
// for an integer v with |v| < 2^22, v + 1.5·2^23 lies in [2^23, 2^24), where floats
// are exactly the integers, so the sum is exact and its bit pattern is that of
// 1.5·2^23 plus v. Two vector instructions either way, no rounding mode involved,
// and no trap: the standard library's `Int32(Float)` checks its range lane by lane,
// and its generic vector conversions were left as calls in earlier kernels.

/// 1.5·2^23, the bias of the conversions, and its bit pattern.
private let exactBias: Float = 12_582_912
private let exactBiasBits: Int32 = 0x4B40_0000

extension SIMD4 where Scalar == Int32 {
  /// The lanes as `Float`, exactly. Precondition: every lane's magnitude < 2^22. Cost: O(1).
  @inline(__always)
  var exactFloats: SIMD4<Float> {
    unsafeBitCast(self &+ SIMD4(repeating: exactBiasBits), to: SIMD4<Float>.self) - SIMD4<Float>(repeating: exactBias)
  }
}

extension SIMD8 where Scalar == Int32 {
  /// The lanes as `Float`, exactly. Precondition: every lane's magnitude < 2^22. Cost: O(1).
  @inline(__always)
  var exactFloats: SIMD8<Float> {
    unsafeBitCast(self &+ SIMD8(repeating: exactBiasBits), to: SIMD8<Float>.self) - SIMD8<Float>(repeating: exactBias)
  }
}

extension SIMD16 where Scalar == Int32 {
  /// The lanes as `Float`, exactly. Precondition: every lane's magnitude < 2^22. Cost: O(1).
  @inline(__always)
  var exactFloats: SIMD16<Float> {
    unsafeBitCast(self &+ SIMD16(repeating: exactBiasBits), to: SIMD16<Float>.self)
      - SIMD16<Float>(repeating: exactBias)
  }
}

extension Float {
  /// `self` as `Int32`. Precondition: `self` is an integer of magnitude < 2^22. Cost: O(1).
  @inline(__always)
  var exactInteger: Int32 { Int32(bitPattern: (self + exactBias).bitPattern) &- exactBiasBits }
}

extension SIMD8 where Scalar == Float {
  /// The lanes as `Int32`. Precondition: every lane is an integer of magnitude < 2^22. Cost: O(1).
  @inline(__always)
  var exactIntegers: SIMD8<Int32> {
    unsafeBitCast(self + SIMD8(repeating: exactBias), to: SIMD8<Int32>.self) &- SIMD8<Int32>(repeating: exactBiasBits)
  }
}

extension SIMD16 where Scalar == Float {
  /// The lanes as `Int32`. Precondition: every lane is an integer of magnitude < 2^22. Cost: O(1).
  @inline(__always)
  var exactIntegers: SIMD16<Int32> {
    unsafeBitCast(self + SIMD16(repeating: exactBias), to: SIMD16<Int32>.self)
      &- SIMD16<Int32>(repeating: exactBiasBits)
  }
}
