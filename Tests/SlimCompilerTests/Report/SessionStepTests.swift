import SlimRuntime
import Testing

@testable import SlimCompiler

/// `runStep` — the profiling API — computes exactly what `run` computes.
@Suite struct SessionStepTests {
  @Test func stepsInOrderEqualOneRun() throws {
    let model = try ReportFixture.model()
    let session = try SlimSession(model: model)
    #expect(session.stepCount == model.operators.count)
    let input = ProbeInput.normal(count: session.inputBuffer(0).count, seed: 7)
    func fill() { for (i, value) in input.enumerated() { session.inputBuffer(0)[i] = value } }
    fill()
    session.run()
    let whole = Array(session.outputBuffer(0))
    fill()
    for step in 0..<session.stepCount { session.runStep(step) }
    #expect(Array(session.outputBuffer(0)) == whole)
  }
}
