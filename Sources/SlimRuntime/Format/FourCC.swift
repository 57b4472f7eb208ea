/// A four-character code, as the section tags of a `.slim` file are.
///
/// Stored as the little-endian `UInt32` of the four bytes in file order, so
/// comparing tags costs one integer compare.
public struct FourCC: Equatable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt32

  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// Creates a tag from four ASCII characters, e.g. `FourCC("GRPH")`.
  /// Precondition: `text` is exactly four bytes long.
  public init(_ text: StaticString) {
    precondition(text.utf8CodeUnitCount == 4, "a FourCC has four characters")
    let p = text.utf8Start
    rawValue = UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24
  }

  /// The four bytes as text when printable ASCII, else `0x` and the hex value,
  /// so a corrupted tag still shows up legibly in an error message.
  public var description: String {
    var text = ""
    for shift in stride(from: 0, to: 32, by: 8) {
      let byte = UInt8(truncatingIfNeeded: rawValue >> UInt32(shift))
      guard byte >= 0x20 && byte < 0x7F else { return "0x" + String(rawValue, radix: 16) }
      text.append(Character(Unicode.Scalar(byte)))
    }
    return text
  }
}
