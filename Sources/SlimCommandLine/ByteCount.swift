import Foundation

/// Bytes with a binary unit, e.g. `412.3 KiB`.
public struct ByteCount: CustomStringConvertible, Sendable {
  public var bytes: Int
  public init(_ bytes: Int) { self.bytes = bytes }
  public var description: String {
    if bytes < 1024 { return "\(bytes) B" }
    if bytes < 1 << 20 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
    return String(format: "%.2f MiB", Double(bytes) / Double(1 << 20))
  }
}
