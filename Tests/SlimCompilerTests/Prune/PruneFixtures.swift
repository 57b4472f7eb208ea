import Foundation
import SlimCompiler

/// The pruning fixtures (`Tests/Fixtures/prune`, from `Tools/fixtures/make_prune_fixtures.py`)
/// and the VGG ones that `make_vgg_fixtures.py` pruned as `vggprune.py` does.
enum PruneFixtures {
  /// A trained checkpoint, a percent, and what the reference rule made of it.
  struct Case: Sendable, CustomStringConvertible {
    var trained: String
    var percent: Double
    var referencePruned: String
    /// PyTorch logits of the masked model (= the reference pruned model) on the golden inputs.
    var maskedLogits: String
    var description: String { "\(referencePruned) at \(percent)" }
  }

  static let referenceCases: [Case] = [
    Case(
      trained: "vgg/trained.pth.tar", percent: 0.5, referencePruned: "vgg/pruned.pth.tar",
      maskedLogits: "vgg/logits/pruned.npy"),
    Case(
      trained: "prune/preresnet-trained.pth.tar", percent: 0.3, referencePruned: "prune/preresnet-pruned-30.pth.tar",
      maskedLogits: "prune/logits/preresnet-masked-30.npy"),
    Case(
      trained: "prune/preresnet-trained.pth.tar", percent: 0.5, referencePruned: "prune/preresnet-pruned-50.pth.tar",
      maskedLogits: "prune/logits/preresnet-masked-50.npy"),
    Case(
      trained: "prune/preresnet-trained.pth.tar", percent: 0.7, referencePruned: "prune/preresnet-pruned-70.pth.tar",
      maskedLogits: "prune/logits/preresnet-masked-70.npy"),
    Case(
      trained: "prune/densenet-trained.pth.tar", percent: 0.5, referencePruned: "prune/densenet-pruned-50.pth.tar",
      maskedLogits: "prune/logits/densenet-masked-50.npy"),
  ]

  static let trainedModels = [
    "vgg/trained.pth.tar", "prune/preresnet-trained.pth.tar", "prune/densenet-trained.pth.tar",
  ]

  /// Options that reproduce the reference scripts exactly.
  static func reference(_ percent: Double) -> PruneOptions {
    var options = PruneOptions()
    options.percent = percent
    options.compensate = false
    return options
  }

  /// The state dict and cfg of a checkpoint.
  static func stateDict(_ bytes: [UInt8]) throws -> (cfg: [String], entries: [(key: String, tensor: Tensor)]) {
    let checkpoint = try CheckpointReader.read(bytes: bytes)
    let cfg = checkpoint.root["cfg"]?.listValue?.map { $0.intValue.map { "\($0)" } ?? $0.stringValue ?? "?" } ?? []
    return (cfg, try checkpoint.stateDict())
  }
}
