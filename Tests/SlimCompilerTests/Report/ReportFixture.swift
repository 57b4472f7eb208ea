import Foundation
import SlimCompiler
import SlimRuntime

/// The pruned, fine-tuned VGG fixture packed to `.slim`, and its unpruned
/// baseline, shared by the report tests (packing once per process).
enum ReportFixture {
  /// Widths of the Network Slimming VGG-11 fixture, before and after pruning
  /// (manifest.json `pruning.cfg_before` / `cfg_after`), 0 = max pool.
  static let widthsBefore = [8, 0, 16, 0, 32, 32, 0, 64, 64, 0, 64, 64]
  static let widthsAfter = [6, 0, 11, 0, 20, 17, 0, 22, 27, 0, 32, 36]
  static let classes = 10
  static let inputSize = 32

  static let finetuned: [UInt8] = {
    try! Packer.pack(checkpointAt: Fixtures.path("vgg/finetuned.pth.tar"), options: PackOptions()).bytes
  }()

  static func model(_ bytes: [UInt8] = finetuned) throws -> SlimModel { try SlimModel(copying: bytes) }

  static func baseline() throws -> ReportBaselineSource {
    let path = Fixtures.path("vgg/trained.pth.tar")
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    return .checkpoint(try ModelImporter.importCheckpoint(at: path), fileBytes: size)
  }

  /// The report of the fine-tuned model against the trained checkpoint.
  static func comparedReport(percent: Double? = nil) throws -> ModelReport {
    var report = ModelReport(model: try model(), path: "finetuned.slim")
    try report.compare(with: try baseline(), percent: percent)
    return report
  }

  /// `manifest.json` `pruning`.
  static func pruningManifest() throws -> [String: Any] {
    let manifest = try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("vgg/manifest.json"))) as! [String: Any]
    return manifest["pruning"] as! [String: Any]
  }

  /// Per conv layer of a VGG `cfg` on a 3×32×32 input with 3×3 convs (padding 1)
  /// and 2×2 max pools: (input channels, output channels, output side).
  static func convLayers(_ widths: [Int]) -> [(inputs: Int, outputs: Int, side: Int)] {
    var channels = 3
    var side = inputSize
    var layers: [(Int, Int, Int)] = []
    for width in widths {
      if width == 0 {
        side /= 2
      } else {
        layers.append((channels, width, side))
        channels = width
      }
    }
    return layers
  }
}
