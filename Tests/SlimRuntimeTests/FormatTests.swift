import Testing

@testable import SlimRuntime

@Test func crc32MatchesStandardVector() {
  #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  #expect(CRC32.checksum([]) == 0)
}

@Test func crc32UpdateEqualsChecksumOfConcatenation() {
  let a = Array("12345".utf8), b = Array("6789".utf8)
  let split = b.withUnsafeBytes { CRC32.update(CRC32.checksum(a), with: $0) }
  #expect(split == 0xCBF4_3926)
}

@Test func fourCCDescribesPrintableAndHexTags() {
  #expect(FourCC("GRPH").description == "GRPH")
  #expect(FourCC(rawValue: 0x0000_0001).description == "0x1")
  #expect(FourCC("SLIM").rawValue == 0x4D49_4C53)
}

@Test func byteReaderReadsLittleEndianAndStopsAtTheEnd() throws {
  let bytes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]
  try bytes.withUnsafeBytes { (raw) throws in
    var reader = ByteReader(raw, section: FourCC("TEST"))
    #expect(try reader.readU16() == 0x0201)
    #expect(try reader.readU32() == 0x0605_0403)
    #expect(reader.remaining == 1)
    #expect(throws: SlimError.truncated(section: FourCC("TEST"), offset: 6, needed: 4)) { try reader.readU32() }
    #expect(reader.position == 6, "a failed read moves nothing")
    #expect(try reader.readU8() == 0x07)
    #expect(reader.isAtEnd)
    #expect(throws: SlimError.self) { try reader.readU8() }
    #expect(throws: SlimError.self) { try reader.skip(-1) }
    #expect(throws: SlimError.self) { try reader.readBytes(Int.max) }
  }
}

@Test func byteReaderSkipsPaddingToFour() throws {
  let bytes = [UInt8](repeating: 0, count: 8)
  try bytes.withUnsafeBytes { (raw) throws in
    var reader = ByteReader(raw, section: FourCC("TEST"))
    _ = try reader.readU8()
    try reader.skipPaddingTo4()
    #expect(reader.position == 4)
    try reader.skipPaddingTo4()
    #expect(reader.position == 4)
  }
}

@Test func errorsDescribeThemselves() {
  #expect(SlimError.badMagic.description.contains("not a .slim file"))
  #expect(
    SlimError.invalidOperator(index: 3, reason: .outputOverlapsLiveTensor(tensor: 7)).description
      == "invalid operator 3: output overwrites tensor 7 which is still to be read")
  #expect(SlimError.arenaTooSmall(required: 128, provided: 64).description.contains("128"))
}
