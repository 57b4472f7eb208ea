import Testing

@testable import SlimCompiler

@Suite struct CSourceEmitterTests {
  /// The bytes written as `0x..` literals between the array's braces, in order.
  static func arrayBytes(_ source: String) -> [UInt8] {
    guard let open = source.firstIndex(of: "{"), let close = source.lastIndex(of: "}") else { return [] }
    return source[source.index(after: open)..<close].split(whereSeparator: { $0 == "," || $0.isWhitespace })
      .compactMap { UInt8($0.dropFirst(2), radix: 16) }
  }

  @Test func arrayHoldsEveryByteInOrderWithItsSize() throws {
    // Every byte value, and a length that is not a multiple of the 16 per line.
    let bytes = (0..<531).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let source = try CSourceEmitter.source(for: bytes, symbol: "digits_model", origin: "digits.slim")
    #expect(Self.arrayBytes(source) == bytes)
    #expect(source.contains("_Alignas(64) const uint8_t digits_model[531] = {"))
    #expect(source.contains("const size_t digits_model_size = 531;"))
    #expect(source.split(separator: "\n").filter { $0.hasPrefix("  0x") }.count == (531 + 15) / 16)
  }

  @Test func originCannotCloseTheComment() throws {
    let source = try CSourceEmitter.source(for: [1], symbol: "m", origin: "evil*/name")
    #expect(!source.contains("evil*/"))
    #expect(Self.arrayBytes(source) == [1])
  }

  @Test(arguments: ["", "1model", "model-data", "model data", "módel", "a;b"])
  func rejectsNonIdentifiers(_ symbol: String) {
    #expect(throws: CSourceEmitter.Failure.invalidSymbol(symbol)) {
      try CSourceEmitter.source(for: [1, 2], symbol: symbol, origin: "x.slim")
    }
  }

  @Test(arguments: ["m", "_model", "slim_model_data", "Model2"])
  func acceptsIdentifiers(_ symbol: String) {
    #expect(CSourceEmitter.isCIdentifier(symbol))
  }
}
