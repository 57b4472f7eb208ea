import Testing

@testable import SlimCompiler

@Suite struct MemoryPlannerTests {
  /// No two buffers whose lifetimes intersect may share bytes.
  static func assertNoConflicts(_ buffers: [MemoryPlanner.Buffer], _ plan: MemoryPlanner.Plan) {
    for i in buffers.indices {
      #expect(plan.offsets[i] % 64 == 0)
      #expect(plan.offsets[i] + buffers[i].bytes <= plan.arenaSize)
      for j in buffers.indices where j > i && buffers[i].overlapsLifetime(of: buffers[j]) {
        let disjoint =
          plan.offsets[i] + buffers[i].bytes <= plan.offsets[j] || plan.offsets[j] + buffers[j].bytes <= plan.offsets[i]
        #expect(disjoint, "buffers \(i) and \(j) overlap")
      }
    }
  }

  @Test func chainPingPongsBetweenTwoBuffers() {
    // A chain of equal buffers, each live from its producer to its consumer, needs exactly two slots.
    let buffers = (0..<6).map { MemoryPlanner.Buffer(bytes: 1000, first: $0, last: $0 + 1) }
    let plan = MemoryPlanner.plan(buffers)
    Self.assertNoConflicts(buffers, plan)
    #expect(plan.arenaSize == 2 * 1024)
    #expect(Set(plan.offsets).count == 2)
  }

  @Test func largestBuffersArePlacedFirst() {
    // Greedy by size is not optimal in general (this chain's optimum is 5120 bytes), but it
    // must stay within the sum of the two largest overlapping sets here.
    let buffers = (0..<6).map { MemoryPlanner.Buffer(bytes: 1024 * ($0 % 3 + 1), first: $0, last: $0 + 1) }
    let plan = MemoryPlanner.plan(buffers)
    Self.assertNoConflicts(buffers, plan)
    #expect(MemoryPlanner.peakLiveBytes(buffers) == 5120)
    #expect(plan.arenaSize == 6144)
    #expect(plan.offsets[2] == 0 && plan.offsets[5] == 0)
  }

  @Test(arguments: 0..<20)
  func randomLifetimesNeverConflict(seed: Int) {
    let noise = ProbeInput.normal(count: 90, seed: UInt64(seed))
    let buffers = (0..<30).map { k -> MemoryPlanner.Buffer in
      let first = Int(abs(noise[3 * k]) * 10)
      return MemoryPlanner.Buffer(
        bytes: 4 * (1 + Int(abs(noise[3 * k + 1]) * 500)), first: first, last: first + Int(abs(noise[3 * k + 2]) * 5))
    }
    let plan = MemoryPlanner.plan(buffers)
    Self.assertNoConflicts(buffers, plan)
    #expect(plan.arenaSize >= MemoryPlanner.peakLiveBytes(buffers))
  }

  @Test func fixtureArenaIsCloseToPeakLiveSize() throws {
    let model = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/finetuned.pth.tar"))
    let packed = try Lowering.lower(Optimizer.optimize(model.graph).graph)
    let buffers = packed.activationLifetimes().map(\.buffer)
    #expect(packed.arenaSize >= MemoryPlanner.peakLiveBytes(buffers))
    #expect(Double(packed.arenaSize) <= 1.1 * Double(MemoryPlanner.peakLiveBytes(buffers)) + 64)
  }
}
