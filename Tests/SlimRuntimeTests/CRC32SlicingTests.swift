import Testing

@testable import SlimRuntime

/// CRC-32 computed bit by bit from its definition: the reference for the sliced tables.
func bitwiseCRC32(_ bytes: [UInt8]) -> UInt32 {
  var c: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    c ^= UInt32(byte)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
  }
  return ~c
}

@Test func slicedCRCMatchesBitwiseDefinitionOnEveryLengthAndOffset() {
  var rng = SeededRandom(seed: 99)
  let data = (0..<1100).map { _ in UInt8.random(in: 0...255, using: &rng) }
  for length in Array(0...40) + [63, 64, 65, 1000] {
    for start in [0, 1, 3, 7] {
      let slice = Array(data[start..<start + length])
      #expect(CRC32.checksum(slice) == bitwiseCRC32(slice), "length \(length) offset \(start)")
    }
  }
}
