import ArgumentParser

/// A comma-separated list of floats on the command line, e.g. `0.485,0.456,0.406`.
public struct FloatList: ExpressibleByArgument, Sendable {
  public var values: [Float]
  public init?(argument: String) {
    let parts = argument.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
    values = parts.compactMap { $0 }
  }
}
