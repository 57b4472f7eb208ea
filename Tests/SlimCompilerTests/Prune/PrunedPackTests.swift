import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// Pre-activation ResNets and DenseNets, trained and pruned, on SlimRuntime.
@Suite struct PrunedPackTests {
  @Test(arguments: [
    ("prune/preresnet-trained.pth.tar", "prune/logits/preresnet-trained.npy"),
    ("prune/preresnet-pruned-50.pth.tar", "prune/logits/preresnet-pruned-50.npy"),
    ("prune/densenet-trained.pth.tar", "prune/logits/densenet-trained.npy"),
    ("prune/densenet-pruned-50.pth.tar", "prune/logits/densenet-masked-50.npy"),
  ])
  func packedSelectionModelsMatchReferenceAndPyTorch(checkpoint: String, logits: String) throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path(checkpoint))
    let packed = try Packer.pack(model, options: PackOptions())
    #expect(packed.verification?.within(1e-4) == true)
    let inputs = try Fixtures.goldenInputs()
    let outputs = try RuntimeProbe.run(packed.bytes, inputs: inputs)
    let golden = Fixtures.rows(try Fixtures.npy(logits))
    for ((input, output), expected) in zip(zip(inputs, outputs), golden) {
      let reference = try ReferenceEngine.run(model.graph, inputs: [Tensor(shape: [1, 3, 32, 32], scalars: input)])
      let engine = Comparison(candidate: output, reference: reference[0].scalars)
      let torch = Comparison(candidate: output, reference: expected)
      #expect(engine.within(1e-4), "\(checkpoint) vs reference engine: \(engine)")
      #expect(torch.within(1e-4), "\(checkpoint) vs PyTorch: \(torch)")
    }
  }

  @Test func pruneThenPackRunsOnTheRuntime() throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("prune/preresnet-trained.pth.tar"))
    var options = PruneOptions()
    options.percent = 0.6
    let (pruned, result) = try model.pruned(options: options)
    let packed = try Packer.pack(pruned, options: PackOptions())
    #expect(packed.verification?.within(1e-4) == true)
    #expect(packed.packed.operators.contains { $0.opcode == .gatherChannels })
    let outputs = try RuntimeProbe.run(packed.bytes, inputs: try Fixtures.goldenInputs())
    for (input, output) in zip(try Fixtures.goldenInputs(), outputs) {
      let reference = try ReferenceEngine.run(result.pruned, inputs: [Tensor(shape: [1, 3, 32, 32], scalars: input)])
      #expect(Comparison(candidate: output, reference: reference[0].scalars).within(1e-4))
    }
  }
}
