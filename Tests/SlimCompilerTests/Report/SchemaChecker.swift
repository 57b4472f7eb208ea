import Foundation

/// Checks a decoded JSON value against the subset of JSON Schema that
/// `Formats/report-schema.json` uses (type object/array/integer/number/string/
/// boolean, properties, required, additionalProperties false, items, enum,
/// const, minimum, minItems), so that the Swift tests validate the document's
/// structure without Python. Returns one message per violation.
struct SchemaChecker {
  func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
    var problems: [String] = []
    if let constant = schema["const"], !same(value, constant) { problems.append("\(path): not \(constant)") }
    if let options = schema["enum"] as? [Any], !options.contains(where: { same(value, $0) }) {
      problems.append("\(path): \(value) not in \(options)")
    }
    switch schema["type"] as? String {
    case "object":
      guard let object = value as? [String: Any] else { return [path + ": not an object"] }
      let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
      for key in schema["required"] as? [String] ?? [] where object[key] == nil {
        problems.append("\(path): missing \(key)")
      }
      for (key, item) in object {
        guard let property = properties[key] else {
          if schema["additionalProperties"] as? Bool == false { problems.append("\(path): unexpected \(key)") }
          continue
        }
        problems += self.problems(item, property, at: "\(path).\(key)")
      }
    case "array":
      guard let array = value as? [Any] else { return [path + ": not an array"] }
      if let minimum = schema["minItems"] as? Int, array.count < minimum { problems.append("\(path): too few items") }
      if let items = schema["items"] as? [String: Any] {
        for (i, item) in array.enumerated() { problems += self.problems(item, items, at: "\(path)[\(i)]") }
      }
    case "integer", "number":
      // Not `!(value is Bool)`: on Linux, JSON 0 and 1 bridge to Bool as well.
      guard let number = value as? NSNumber else { return [path + ": not a number"] }
      if schema["type"] as? String == "integer", number.doubleValue.rounded() != number.doubleValue {
        problems.append("\(path): not an integer")
      }
      if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum {
        problems.append("\(path): below \(minimum)")
      }
    case "string": if !(value is String) { problems.append(path + ": not a string") }
    case "boolean": if !(value is Bool) { problems.append(path + ": not a boolean") }
    default: break
    }
    return problems
  }

  private func same(_ a: Any, _ b: Any) -> Bool { (a as? NSObject)?.isEqual(b) ?? false }
}
