import Foundation
import SlimCompiler

/// Paths and loaders for the committed fixtures under `Tests/Fixtures`.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  static func bytes(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: root.appendingPathComponent(relative)))
  }

  static func npy(_ relative: String) throws -> NpyArray { try NpyArray(bytes: bytes(relative)) }

  /// The VGG fixture models and the file their golden logits are stored under.
  static let vggModels: [(checkpoint: String, logits: String)] = [
    ("vgg/trained.pth.tar", "vgg/logits/trained.npy"),
    ("vgg/pruned.pth.tar", "vgg/logits/pruned.npy"),
    ("vgg/finetuned.pth.tar", "vgg/logits/finetuned.npy"),
    ("vgg/finetuned-lightning.ckpt", "vgg/logits/finetuned.npy"),
    ("vgg/finetuned-dataparallel.pth", "vgg/logits/finetuned.npy"),
    ("vgg/finetuned-compiled.pt", "vgg/logits/finetuned.npy"),
    ("vgg/vgg16-tiny.pth.tar", "vgg/logits/vgg16-tiny.npy"),
  ]

  /// The eight golden inputs, normalized float32 NCHW `[1, 3, 32, 32]`.
  static func goldenInputs() throws -> [[Float]] {
    let batch = try npy("vgg/inputs/batch.npy")
    let size = batch.values.count / batch.shape[0]
    return (0..<batch.shape[0]).map { Array(batch.values[$0 * size..<($0 + 1) * size]) }
  }

  /// Rows of a `[N, K]` array.
  static func rows(_ array: NpyArray) -> [[Float]] {
    let width = array.shape[1]
    return (0..<array.shape[0]).map { Array(array.values[$0 * width..<($0 + 1) * width]) }
  }

  /// Preprocessing the fixture generator used (manifest.json `data.mean`/`data.std`).
  static func normalization() throws -> (mean: [Float], std: [Float]) {
    let manifest = try JSONSerialization.jsonObject(with: Data(bytes("vgg/manifest.json"))) as? [String: Any]
    let data = manifest?["data"] as? [String: Any]
    let mean = (data?["mean"] as? [Double])?.map { Float($0) } ?? []
    let std = (data?["std"] as? [Double])?.map { Float($0) } ?? []
    return (mean, std)
  }
}
