import Foundation

/// Calibration inputs for `slim-pack --int8 --calibration PATH`: one input file
/// (`.npy` batch, raw float32 or uint8), or a directory of them read in name order
/// (hidden files and subdirectories skipped). Every file is decoded like `slim-run`'s
/// input, so uint8 pixels are normalized with the model's mean and std.
public enum CalibrationSet {
  /// At most this many samples are used; more are an error rather than silently dropped.
  public static let maxSamples = 100_000
  /// Larger files are refused before they are read.
  public static let maxFileBytes = 1 << 30

  public enum Failure: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String)
    case malformed(path: String, InputDecoder.Failure)
    case tooLarge(path: String)
    case empty(path: String)
    case tooManySamples(Int)

    public var description: String {
      switch self {
      case .cannotOpen(let path): return "cannot read the calibration input '\(path)'"
      case .malformed(let path, let failure): return "calibration input '\(path)': \(failure)"
      case .tooLarge(let path): return "calibration input '\(path)' is larger than 1 GiB"
      case .empty(let path): return "'\(path)' holds no calibration inputs"
      case .tooManySamples(let count): return "\(count) calibration samples; at most \(maxSamples) are supported"
      }
    }
  }

  /// The normalized float32 samples at `path`. Cost: reads every file once.
  public static func load(_ path: String, decoder: InputDecoder) throws(Failure) -> [[Float]] {
    try collect(path) { (bytes, pathExtension) throws(InputDecoder.Failure) in
      try decoder.decode(bytes, format: .auto, pathExtension: pathExtension)
    }
  }

  /// The uint8 HWC pixel samples at `path` (raw uint8 or uint8 `.npy` files; a float file is
  /// an error), for a model that takes pixels (`--input uint8`). Cost: reads every file once.
  public static func loadPixels(_ path: String, decoder: InputDecoder) throws(Failure) -> [[UInt8]] {
    try collect(path) { (bytes, pathExtension) throws(InputDecoder.Failure) in
      try decoder.decodePixels(bytes, format: .auto, pathExtension: pathExtension)
    }
  }

  /// The samples `decode` finds in the file at `path` or in each file of the directory.
  private static func collect<Sample>(
    _ path: String, _ decode: ([UInt8], String) throws(InputDecoder.Failure) -> [Sample]
  ) throws(Failure) -> [Sample] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .cannotOpen(path: path)
    }
    var files = [path]
    if isDirectory.boolValue {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
        throw .cannotOpen(path: path)
      }
      files = names.filter { !$0.hasPrefix(".") }.sorted().map { (path as NSString).appendingPathComponent($0) }
        .filter {
          var dir: ObjCBool = false
          return FileManager.default.fileExists(atPath: $0, isDirectory: &dir) && !dir.boolValue
        }
    }
    var samples: [Sample] = []
    for file in files {
      let attributes = try? FileManager.default.attributesOfItem(atPath: file)
      guard let size = attributes?[.size] as? Int else { throw .cannotOpen(path: file) }
      guard size <= maxFileBytes else { throw .tooLarge(path: file) }
      guard let data = FileManager.default.contents(atPath: file) else { throw .cannotOpen(path: file) }
      do {
        samples += try decode(Array(data), (file as NSString).pathExtension)
      } catch { throw .malformed(path: file, error) }
      guard samples.count <= maxSamples else { throw .tooManySamples(samples.count) }
    }
    guard !samples.isEmpty else { throw .empty(path: path) }
    return samples
  }
}
