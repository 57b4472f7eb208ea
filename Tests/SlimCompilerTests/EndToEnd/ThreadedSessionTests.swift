import Testing

@testable import SlimCompiler
@testable import SlimRuntime

/// The fast kernels and the thread pool give the plain kernels' results on a real model.
@Suite struct ThreadedSessionTests {
  /// Outputs of `model` on `inputs` from a session made by `makeSession`.
  func outputs(_ session: SlimSession, _ inputs: [[Float]]) throws -> [[Float]] {
    try inputs.map { input in
      var output = [Float](repeating: .nan, count: session.outputBuffer(0).count)
      try input.withUnsafeBufferPointer { (x) throws(SlimError) in
        try output.withUnsafeMutableBufferPointer { (y) throws(SlimError) in try session.run(input: x, output: y) }
      }
      return output
    }
  }

  @Test(arguments: [
    "vgg/trained.pth.tar", "vgg/pruned.pth.tar", "vgg/vgg16-tiny.pth.tar", "prune/preresnet-trained.pth.tar",
  ])
  func fastAndThreadedSessionsMatchPlainKernels(checkpoint: String) throws {
    let result = try Packer.pack(checkpointAt: Fixtures.path(checkpoint), options: PackOptions())
    let model = try SlimModel(copying: result.bytes)
    let inputs = try Fixtures.goldenInputs()
    // A caller-provided arena selects the plain kernels: the reference here.
    let arena = UnsafeMutableRawBufferPointer.allocate(byteCount: model.arenaSize, alignment: 64)
    defer { arena.deallocate() }
    let plain = try outputs(SlimSession(model: model, arena: arena), inputs)
    // Threshold 0 splits every splittable step, however small; the default keeps small ones whole.
    for threads in [1, 2, 3] {
      for minimumSplitWork in [0, SlimSession.defaultMinimumSplitWork] {
        let session = try SlimSession(model: model, threads: threads, minimumSplitWork: minimumSplitWork)
        // Twice: the second run proves no state (padded scratch, arena) leaks between runs.
        for _ in 0..<2 {
          for (fast, reference) in zip(try outputs(session, inputs), plain) {
            let comparison = Comparison(candidate: fast, reference: reference)
            #expect(
              comparison.within(1e-4), "\(checkpoint) threads \(threads), split from \(minimumSplitWork): \(comparison)"
            )
          }
        }
      }
    }
  }

  /// The VGG fixture has 3x3 layers of 32 input channels at 8x8: sessions run them
  /// through Winograd, so the comparisons above cover that kernel. Except in builds
  /// with the pair kernels (`WinogradConv2D.multipliesPairs`), which take Winograd
  /// from 16x16 on only (`WinogradConv2D.smallestPlane`) unless their cores run AVX-512
  /// in two halves; `WinogradKernelTests` cut the work as sessions do.
  @Test func vggSessionsRunWinogradLayers() throws {
    let result = try Packer.pack(checkpointAt: Fixtures.path("vgg/trained.pth.tar"), options: PackOptions())
    let session = try SlimSession(model: try SlimModel(copying: result.bytes), threads: 1)
    let winograd = session.steps.filter {
      if case .winogradConv2d = $0 { return true } else { return false }
    }
    #expect(winograd.isEmpty == (WinogradConv2D.smallestPlane > 8))
  }

  /// PreResNet blocks end with a 1x1 convolution and the residual add: sessions fuse
  /// the add into the convolution (`ExecutionStep.residualFusion`) where that runs a
  /// kernel which reads residuals. In this 3-block fixture every block has a
  /// downsampling shortcut, the convolution just before the add: stride 1 in the first
  /// stage (the pointwise kernel: fused in every build), 2 in the others (fused where
  /// the build runs them with the channel-pair kernel, `SLIM_AVX512`). The comparisons
  /// above and `PrunedPackTests` check what the fused steps compute.
  @Test func preResNetSessionsFuseResidualAdds() throws {
    let result = try Packer.pack(checkpointAt: Fixtures.path("prune/preresnet-trained.pth.tar"), options: PackOptions())
    let model = try SlimModel(copying: result.bytes)
    let session = try SlimSession(model: model, threads: 1)
    let fused = session.steps.indices.filter {
      if case .residualAdded = session.steps[$0] { return true } else { return false }
    }
    let fusible = model.operators.indices.filter { index in
      guard model.operators[index].opcode == .add, case .conv2d(let g) = model.geometries[index - 1] else {
        return false
      }
      return BlockedConv2D.readsResidual(BlockedConv2D.preferredKernel(g)) && !WinogradConv2D.isPreferred(g)
    }
    let strideOne = model.operators.indices.filter { index in
      guard model.operators[index].opcode == .add, case .conv2d(let g) = model.geometries[index - 1] else {
        return false
      }
      return g.strideH == 1 && g.strideW == 1
    }
    #expect(!strideOne.isEmpty && Set(strideOne).isSubset(of: fused), "fused \(fused), stride 1 before \(strideOne)")
    #expect(fused == fusible, "fused \(fused), convolutions reading residuals before \(fusible)")
    for index in fused {
      #expect(model.operators[index].opcode == .add)
      guard case .blockedConv2d(let conv) = session.steps[index - 1] else {
        Issue.record("step \(index - 1) is not a blocked convolution")
        continue
      }
      #expect(conv.residual != nil)
      #expect(conv.activation == model.operators[index].activation)
    }
    // Sessions on caller memory run the plain kernels, unfused.
    let arena = UnsafeMutableRawBufferPointer.allocate(byteCount: model.arenaSize, alignment: 64)
    defer { arena.deallocate() }
    let plain = try SlimSession(model: model, arena: arena)
    #expect(!plain.steps.contains { if case .residualAdded = $0 { true } else { false } })
  }

  @Test func arenaIsWithinTenPercentOfThePeakLiveSet() throws {
    let result = try Packer.pack(checkpointAt: Fixtures.path("vgg/trained.pth.tar"), options: PackOptions())
    let model = try SlimModel(copying: result.bytes)
    #expect(model.peakLiveBytes > 0)
    #expect(Double(model.arenaSize) <= 1.1 * Double(model.peakLiveBytes))
  }
}
