import Testing

@testable import SlimCompiler

@Suite struct ReducedFloatTests {
  @Test(arguments: [
    (UInt16(0x0000), Float(0)) as (UInt16, Float),
    (0x3C00, 1),
    (0xC000, -2),
    (0x7BFF, 65504),  // largest finite
    (0x0400, 0x1p-14),  // smallest normal
    (0x0001, 0x1p-24),  // smallest subnormal
    (0x03FF, 1023 * 0x1p-24),  // largest subnormal
    (0x8001, -0x1p-24),
    (0x7C00, .infinity),
    (0xFC00, -.infinity),
    (0x3555, 0.333251953125),
  ])
  func halfConvertsExactly(bits: UInt16, expected: Float) {
    #expect(ReducedFloat.float(fromHalfBits: bits) == expected)
  }

  @Test func halfSignedZeroAndNaN() {
    let negativeZero = ReducedFloat.float(fromHalfBits: 0x8000)
    #expect(negativeZero == 0 && negativeZero.sign == .minus)
    #expect(ReducedFloat.float(fromHalfBits: 0x7E00).isNaN)
    #expect(ReducedFloat.float(fromHalfBits: 0xFC01).isNaN)
    #expect(ReducedFloat.float(fromHalfBits: 0x7C01).isSignalingNaN)
  }

  @Test func halfMatchesFloat16ForEveryPattern() {
    #if arch(arm64) || arch(x86_64)
      for bits in UInt16.min...UInt16.max {
        let mine = ReducedFloat.float(fromHalfBits: bits)
        let reference = Float(Float16(bitPattern: bits))
        #expect(mine.bitPattern == reference.bitPattern || (mine.isNaN && reference.isNaN))
      }
    #endif
  }

  static let bfloat16Cases: [(UInt16, Float)] = [
    (0x3F80, 1),
    (0xC049, -3.140625),
    (0x0001, Float(bitPattern: 0x0001_0000)),  // subnormal
    (0x7F7F, Float(bitPattern: 0x7F7F_0000)),  // largest finite
    (0x7F80, .infinity),
    (0xFF80, -.infinity),
  ]

  @Test(arguments: bfloat16Cases)
  func bfloat16ConvertsExactly(bits: UInt16, expected: Float) {
    #expect(ReducedFloat.float(fromBFloat16Bits: bits) == expected)
  }

  @Test func bfloat16SignedZeroAndNaN() {
    let negativeZero = ReducedFloat.float(fromBFloat16Bits: 0x8000)
    #expect(negativeZero == 0 && negativeZero.sign == .minus)
    #expect(ReducedFloat.float(fromBFloat16Bits: 0x7FC0).isNaN)
  }
}
