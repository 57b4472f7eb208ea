/// The Python-literal dictionary in a `.npy` header:
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (8, 3, 32, 32), }`.
///
/// A tiny hand parser for exactly this grammar (quoted strings, booleans and a
/// tuple of integers); anything else is an error rather than a guess.
struct NpyHeader {
  var descr = ""
  var fortranOrder = false
  var shape: [Int] = []

  /// At most this many dimensions, as NumPy allows.
  static let maxRank = 32

  init(parsing text: String) throws(NpyError) {
    var scanner = Substring(text).drop { $0 == " " }
    func expect(_ character: Character) throws(NpyError) {
      scanner = scanner.drop { $0 == " " }
      guard scanner.first == character else { throw .unsupportedHeader(text) }
      scanner = scanner.dropFirst()
    }
    func quoted() throws(NpyError) -> String {
      scanner = scanner.drop { $0 == " " }
      guard let quote = scanner.first, quote == "'" || quote == "\"" else { throw .unsupportedHeader(text) }
      let body = scanner.dropFirst()
      guard let end = body.firstIndex(of: quote) else { throw .unsupportedHeader(text) }
      scanner = body[body.index(after: end)...]
      return String(body[..<end])
    }
    func word() -> String {
      scanner = scanner.drop { $0 == " " }
      let token = scanner.prefix { $0.isLetter || $0.isNumber }
      scanner = scanner.dropFirst(token.count)
      return String(token)
    }

    var seen: Set<String> = []
    try expect("{")
    while true {
      scanner = scanner.drop { $0 == " " }
      if scanner.first == "}" { break }
      let key = try quoted()
      guard seen.insert(key).inserted else { throw .unsupportedHeader(text) }
      try expect(":")
      switch key {
      case "descr": descr = try quoted()
      case "fortran_order":
        switch word() {
        case "True": fortranOrder = true
        case "False": fortranOrder = false
        default: throw .unsupportedHeader(text)
        }
      case "shape":
        try expect("(")
        while true {
          scanner = scanner.drop { $0 == " " }
          if scanner.first == ")" { break }
          guard let dimension = Int(word()), shape.count < Self.maxRank else { throw .unsupportedHeader(text) }
          shape.append(dimension)
          scanner = scanner.drop { $0 == " " }
          if scanner.first == "," { scanner = scanner.dropFirst() }
        }
        try expect(")")
      default:
        throw .unsupportedHeader(text)
      }
      scanner = scanner.drop { $0 == " " }
      if scanner.first == "," { scanner = scanner.dropFirst() }
    }
    guard seen == ["descr", "fortran_order", "shape"] else { throw .unsupportedHeader(text) }
  }
}
