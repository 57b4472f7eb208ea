import Testing

@testable import SlimCompiler

/// The dependency groups on a graph no builder made: residual add, depthwise conv,
/// concat and flatten → linear, pruned by both criteria and verified.
@Suite struct ChannelGroupTests {
  /// Deterministic weights in [-1, 1).
  static func tensor(_ shape: [Int], seed: UInt64) -> Tensor {
    Tensor(shape: shape, scalars: ProbeInput.normal(count: shape.reduce(1, *), seed: seed).map { $0 * 0.5 })
  }

  static func bn(_ channels: Int, seed: UInt64) -> GraphOperation {
    let gamma = tensor([channels], seed: seed)
    return .batchNorm(
      .init(
        gamma: gamma, beta: tensor([channels], seed: seed + 1), runningMean: tensor([channels], seed: seed + 2),
        runningVar: Tensor(shape: [channels], scalars: [Float](repeating: 1.5, count: channels))))
  }

  /// x → A(3→8, 3x3) → bn → relu ─┬→ B(8→8, 1x1) → bn ─┐
  /// x → C(3→8, 1x1) → bn ────────┼────────────────── add → relu → dw(8, 3x3) → relu ─┐
  ///                               └──────────────────────────────────────────── concat(16) → E(16→4) → bn → relu → flatten → fc(5)
  static func graph() throws -> Graph {
    var g = Graph()
    let x = g.addInput(name: "input", shape: [1, 3, 8, 8])
    var a = try g.append(.conv2d(.init(weight: tensor([8, 3, 3, 3], seed: 1), padding: 1)), name: "A", inputs: [x])
    a = try g.append(bn(8, seed: 10), name: "A.bn", inputs: [a])
    a = try g.append(.activation(.relu), name: "A.relu", inputs: [a])
    var b = try g.append(.conv2d(.init(weight: tensor([8, 8, 1, 1], seed: 2))), name: "B", inputs: [a])
    b = try g.append(bn(8, seed: 20), name: "B.bn", inputs: [b])
    var c = try g.append(.conv2d(.init(weight: tensor([8, 3, 1, 1], seed: 3))), name: "C", inputs: [x])
    c = try g.append(bn(8, seed: 30), name: "C.bn", inputs: [c])
    var s = try g.append(.add(activation: .none), name: "add", inputs: [b, c])
    s = try g.append(.activation(.relu), name: "add.relu", inputs: [s])
    s = try g.append(
      .conv2d(.init(weight: tensor([8, 1, 3, 3], seed: 4), bias: tensor([8], seed: 5), padding: 1, groups: 8)),
      name: "dw", inputs: [s])
    s = try g.append(.activation(.relu), name: "dw.relu", inputs: [s])
    var e = try g.append(.concat(axis: 1), name: "cat", inputs: [s, a])
    e = try g.append(.conv2d(.init(weight: tensor([4, 16, 1, 1], seed: 6))), name: "E", inputs: [e])
    e = try g.append(bn(4, seed: 40), name: "E.bn", inputs: [e])
    e = try g.append(.activation(.relu), name: "E.relu", inputs: [e])
    e = try g.append(.flatten, name: "flatten", inputs: [e])
    e = try g.append(
      .linear(.init(weight: tensor([5, 256], seed: 7), bias: tensor([5], seed: 8))), name: "fc", inputs: [e])
    g.outputs = [e]
    return g
  }

  static func width(_ g: Graph, _ name: String) -> Int {
    g.values[g.nodes.first { $0.name == name }!.outputs[0]].shape[1]
  }

  @Test func residualDepthwiseAndConcatAreTied() throws {
    let g = try Self.graph()
    let groups = ChannelGroups(g)
    let id = { (name: String) in groups.groupOf[g.nodes.first { $0.name == name }!.outputs[0]] }
    #expect(id("B") == id("C"))
    #expect(id("B") == id("dw.relu"))
    #expect(id("A") == id("A.relu"))
    #expect(id("A") != id("B"))
    #expect(id("cat") != id("A"))
  }

  @Test(arguments: [PruneMethod.l1, .l2, .slimming])
  func prunesEveryGroupConsistentlyAndVerifies(_ method: PruneMethod) throws {
    let g = try Self.graph()
    var options = PruneOptions()
    options.method = method
    options.ratio = 0.5
    options.percent = 0.5
    let result = try Pruner.prune(g, options: options)
    #expect(result.verification.relativeDifference <= 1e-5)
    let p = result.pruned
    // The add group is pruned as one: B, C, the depthwise conv and its groups agree.
    #expect(Self.width(p, "B") == Self.width(p, "C"))
    #expect(Self.width(p, "dw") == Self.width(p, "B"))
    if case .conv2d(let dw) = p.nodes.first(where: { $0.name == "dw" })!.operation {
      #expect(dw.groups == Self.width(p, "dw"))
    }
    // Concat maps by offset: its width is the sum of the pruned parts.
    #expect(Self.width(p, "cat") == Self.width(p, "dw") + Self.width(p, "A"))
    // Flatten → linear: each kept channel keeps its block of 8·8 features.
    #expect(p.values[p.nodes.first { $0.name == "flatten" }!.outputs[0]].shape[1] == Self.width(p, "E") * 64)
    #expect(Self.width(p, "fc") == 5)
    if method != .slimming {
      #expect(Self.width(p, "A") == 4 && Self.width(p, "B") == 4 && Self.width(p, "E") == 2)
    }
  }
}
