import Dispatch
import SlimRuntime
import Testing

@testable import SlimCompiler

/// One `SlimModel` shared by several sessions on several threads gives every
/// thread the single-threaded outputs, bit for bit. `Tools/tsan.sh` runs this
/// under ThreadSanitizer.
@Suite struct SessionConcurrencyTests {
  @Test func sessionsOfOneModelAgreeAcrossThreads() throws {
    let bytes = try Packer.pack(checkpointAt: Fixtures.path("vgg/finetuned.pth.tar"), options: PackOptions()).bytes
    let model = try SlimModel(copying: bytes)
    let inputs = try Fixtures.goldenInputs()
    let expected = try RuntimeProbe.run(model, inputs: inputs)
    let threads = 4
    let results = ThreadResults(count: threads)
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      // Each thread starts at a different input so the sessions run different work at once.
      let order = inputs.indices.map { ($0 + thread) % inputs.count }
      let outputs = try? RuntimeProbe.run(model, inputs: order.map { inputs[$0] })
      results.store(thread, outputs.map { zip(order, $0).sorted { $0.0 < $1.0 }.map(\.1) })
    }
    for thread in 0..<threads {
      #expect(results.value(thread) == expected, "thread \(thread)")
    }
  }
}

/// Per-thread results; each slot is written by one thread and read after all finished.
final class ThreadResults: @unchecked Sendable {
  private var slots: [[[Float]]?]
  private let lock = DispatchSemaphore(value: 1)

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ value: [[Float]]?) {
    lock.wait()
    slots[index] = value
    lock.signal()
  }

  func value(_ index: Int) -> [[Float]]? {
    lock.wait()
    defer { lock.signal() }
    return slots[index]
  }
}
