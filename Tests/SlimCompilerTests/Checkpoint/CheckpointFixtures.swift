import Foundation

@testable import SlimCompiler

/// Locates the committed fixtures written by
/// `Tools/fixtures/make_checkpoint_fixtures.py` and reads its manifest.
enum CheckpointFixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Checkpoint
    .deletingLastPathComponent()  // SlimCompilerTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("Fixtures/checkpoint")

  static func path(_ name: String) -> String {
    directory.appendingPathComponent(name).path
  }

  static func bytes(_ name: String) -> [UInt8] {
    (try? [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))) ?? []
  }

  /// Re-read on each use: `[String: Any]` cannot be a shared static under strict concurrency.
  static var manifest: [String: Any] {
    guard let data = try? Data(contentsOf: directory.appendingPathComponent("manifest.json")),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object
  }

  /// Valid file name → expected tensors, in file order.
  static var validFiles: [String: [[String: Any]]] {
    manifest["valid"] as? [String: [[String: Any]]] ?? [:]
  }

  /// Hostile file name → expected error case name.
  static var hostileFiles: [String: String] {
    manifest["hostile"] as? [String: String] ?? [:]
  }

  /// A manifest number, where NaN and infinities are spelled as strings.
  static func float(_ value: Any?) -> Float? {
    switch value {
    case let number as NSNumber: return number.floatValue
    case let text as String:
      switch text {
      case "nan": return .nan
      case "inf": return .infinity
      case "-inf": return -.infinity
      default: return nil
      }
    default: return nil
    }
  }

  /// The case name of an error, to compare with the manifest.
  static func caseName(_ error: CheckpointError) -> String {
    switch error {
    case .fileUnreadable: return "fileUnreadable"
    case .notAZipArchive: return "notAZipArchive"
    case .legacyFormat: return "legacyFormat"
    case .torchScriptArchive: return "torchScriptArchive"
    case .truncated: return "truncated"
    case .malformedArchive: return "malformedArchive"
    case .entryOutOfBounds: return "entryOutOfBounds"
    case .overlappingEntries: return "overlappingEntries"
    case .duplicateEntry: return "duplicateEntry"
    case .unsupportedZipFeature: return "unsupportedZipFeature"
    case .tooLarge: return "tooLarge"
    case .crcMismatch: return "crcMismatch"
    case .missingEntry: return "missingEntry"
    case .bigEndian: return "bigEndian"
    case .forbiddenGlobal: return "forbiddenGlobal"
    case .unsupportedOpcode: return "unsupportedOpcode"
    case .memoOutOfRange: return "memoOutOfRange"
    case .stackUnderflow: return "stackUnderflow"
    case .nestingTooDeep: return "nestingTooDeep"
    case .invalidPickle: return "invalidPickle"
    case .storageTooSmall: return "storageTooSmall"
    case .tensorOutOfBounds: return "tensorOutOfBounds"
    case .noStateDict: return "noStateDict"
    case .notATensor: return "notATensor"
    }
  }

  /// The error reading `name` throws, or nil if it reads.
  static func readError(_ name: String) -> CheckpointError? {
    do {
      _ = try CheckpointReader.read(contentsOf: path(name))
      return nil
    } catch {
      return error
    }
  }
}
