extension String {
  /// The text with `&`, `<`, `>` and `"` escaped, safe inside HTML or SVG
  /// content and double-quoted attribute values. Cost: O(length).
  var htmlEscaped: String {
    var out = ""
    for character in self {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }
}
