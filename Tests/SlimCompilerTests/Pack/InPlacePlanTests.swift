import SlimRuntime
import Testing

@testable import SlimCompiler

/// Element-wise operators run in place when the plan allows it, and the runtime
/// accepts and runs such plans correctly.
@Suite struct InPlacePlanTests {
  /// x → relu → t1 → relu6 → t2 → add(t2, x) → t3 → reshape → y: t2, t3 and y can
  /// each reuse their first input; x (a graph input) must not be overwritten.
  static func chain() -> PackedModel {
    let image = [1, 4, 8, 8]
    let tensors = [image, image, image, image, [1, 256]].map {
      PackedModel.TensorEntry(shape: $0, storage: .activation(arenaOffset: 0))
    }
    let operators = [
      PackedModel.OperatorEntry(opcode: .activation, activation: .relu, inputs: [0], outputs: [1]),
      PackedModel.OperatorEntry(opcode: .activation, activation: .relu6, inputs: [1], outputs: [2]),
      PackedModel.OperatorEntry(opcode: .add, inputs: [2, 0], outputs: [3]),
      PackedModel.OperatorEntry(opcode: .reshape, inputs: [3], outputs: [4]),
    ]
    var model = PackedModel(
      tensors: tensors, operators: operators, inputs: [0], outputs: [4], arenaSize: 0, metadata: [])
    model.planArena()
    return model
  }

  static func offset(_ model: PackedModel, _ tensor: Int) -> Int? {
    if case .activation(let offset) = model.tensors[tensor].storage { return offset }
    return nil
  }

  @Test func elementWiseChainSharesOneSlotBesideTheInput() {
    let model = Self.chain()
    #expect(model.inPlaceAliases() == [2: 1, 3: 2, 4: 3])
    let offsets = (0..<5).map { Self.offset(model, $0)! }
    #expect(Set(offsets[1...]).count == 1)
    #expect(offsets[0] != offsets[1])
    #expect(model.arenaSize == 2 * 1024)
  }

  /// The loaded model's lower bound counts an in-place chain once: the input and
  /// the chain's slot (counted apart, the add's step held 3 KB, above the 2 KB arena).
  @Test func peakLiveSetCountsInPlaceTensorsOnce() throws {
    let model = try SlimModel(copying: SlimWriter.serialize(Self.chain(), compression: .none))
    #expect(model.peakLiveBytes == 2 * 1024)
    #expect(model.arenaSize >= model.peakLiveBytes)
    // slim-report's memory curve counts it the same way.
    let curve = MemoryPoint.curve(of: model)
    #expect(curve.map(\.liveBytes).max() == 2 * 1024)
    #expect(curve.allSatisfy { $0.liveBytes <= $0.arenaHighWaterBytes })
  }

  @Test func runtimeAcceptsAndRunsTheInPlacePlan() throws {
    let bytes = try SlimWriter.serialize(Self.chain(), compression: .none)
    var rng = SystemRandomNumberGenerator()
    let x = (0..<256).map { _ in Float.random(in: -8...8, using: &rng) }
    let y = try RuntimeProbe.run(bytes, inputs: [x])[0]
    let expected = x.map { min(max($0, 0), 6) + $0 }
    #expect(y == expected)
  }
}
