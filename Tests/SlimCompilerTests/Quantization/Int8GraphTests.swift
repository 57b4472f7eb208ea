import SlimRuntime
import Testing

@testable import SlimCompiler

/// Whole int8 graphs through the file format and the runtime: add, concat, global
/// average pooling and mixed float/int8 graphs equal the int8 reference bit for bit,
/// and hostile int8 records are rejected with typed errors.
@Suite struct Int8GraphTests {
  /// conv → conv → add → scale and shift(relu) (an unfolded BatchNorm) → concat(first conv,
  /// scale and shift) → global average pool → flatten → linear.
  static func residualGraph() throws -> Graph {
    func tensor(_ shape: [Int], seed: UInt64) -> Tensor {
      Tensor(shape: shape, scalars: ProbeInput.normal(count: shape.reduce(1, *), seed: seed).map { $0 * 0.3 })
    }
    var graph = Graph()
    let x = graph.addInput(name: "input", shape: [1, 3, 8, 8])
    let a = try graph.append(
      .conv2d(.init(weight: tensor([4, 3, 3, 3], seed: 1), bias: tensor([4], seed: 2), padding: 1, activation: .relu)),
      name: "conv.a", inputs: [x])
    let b = try graph.append(
      .conv2d(.init(weight: tensor([4, 4, 3, 3], seed: 3), bias: tensor([4], seed: 4), padding: 1)),
      name: "conv.b", inputs: [a])
    let sum = try graph.append(.add(activation: .none), name: "add", inputs: [a, b])
    let scaled = try graph.append(
      .conv2d(
        .init(weight: tensor([4, 1, 1, 1], seed: 7), bias: tensor([4], seed: 8), groups: 4, activation: .relu)),
      name: "bn", inputs: [sum])
    let joined = try graph.append(.concat(axis: 1), name: "concat", inputs: [a, scaled])
    let pooled = try graph.append(.globalAvgPool, name: "pool", inputs: [joined])
    let flat = try graph.append(.flatten, name: "flatten", inputs: [pooled])
    let logits = try graph.append(
      .linear(.init(weight: tensor([5, 8], seed: 5), bias: tensor([5], seed: 6))), name: "fc", inputs: [flat])
    graph.outputs = [logits]
    return graph
  }

  static func inputs(_ count: Int, seed: UInt64) -> [[Float]] {
    (0..<count).map { ProbeInput.normal(count: 3 * 8 * 8, seed: seed + UInt64($0)) }
  }

  static func pack(
    _ graph: Graph, keepFloat: [String], method: CalibrationMethod, rounding: Int8Rounding = .single
  ) throws -> (QuantizedGraph, [UInt8]) {
    let ranges = try Calibrator.ranges(of: graph, inputs: inputs(16, seed: 100), method: method)
    let quantized = try Quantizer.quantize(graph, ranges: ranges, keepFloat: keepFloat, rounding: rounding)
    return (quantized, try SlimWriter.serialize(try QuantizedLowering.lower(quantized), compression: .none))
  }

  @Test(arguments: [[], ["first"], ["last"], ["first", "last"], ["conv.b"]], CalibrationMethod.allCases)
  func runtimeEqualsTheInt8Reference(keepFloat: [String], method: CalibrationMethod) throws {
    let graph = try Self.residualGraph()
    let (quantized, bytes) = try Self.pack(graph, keepFloat: keepFloat, method: method)
    let probes = Self.inputs(8, seed: 900)
    let outputs = try RuntimeProbe.run(bytes, inputs: probes)
    for (probe, output) in zip(probes, outputs) {
      let expected = try Int8ReferenceEngine.run(quantized, inputs: [Tensor(shape: [1, 3, 8, 8], scalars: probe)])
      if keepFloat.isEmpty {
        #expect(output == expected[0])
      } else if keepFloat == ["last"] {
        // Only the float32 tail differs: the reference accumulates in Double.
        let comparison = Comparison(candidate: output, reference: expected[0])
        #expect(comparison.within(1e-4), "\(comparison)")
      } else {
        #expect(Comparison(candidate: output, reference: expected[0]).sameTop1)
      }
      let float = try ReferenceEngine.run(graph, inputs: [Tensor(shape: [1, 3, 8, 8], scalars: probe)])
      let error = QuantizationReport.error(output, float[0].scalars)
      // KL clips harder and measures 12.8...14.3 dB here; it is held to a lower bar.
      #expect(error.sqnr > (method == .kl ? 10 : 15), "int8 logits far from float: SQNR \(error.sqnr) dB")
    }
    let opcodes = try SlimModel(copying: bytes).operators.map(\.opcode)
    #expect(
      opcodes.contains(.addInt8SingleRounding) && opcodes.contains(.scaleShiftInt8) && opcodes.contains(.concatInt8)
        && opcodes.contains(.globalAvgPoolInt8))
    #expect(opcodes.contains(.conv2d) == (keepFloat.contains("first") || keepFloat.contains("conv.b")))
    #expect(opcodes.contains(.linear) == keepFloat.contains("last"))
  }

  /// `Int8Rounding.tflite` writes the add as opcode 27 and the scale and shift as an int8
  /// depthwise convolution, which a runtime older than format 1.7 reads, and the runtime
  /// still runs them bit for bit as the reference does.
  @Test func tfliteRoundingWritesTheFormerOpcodes() throws {
    let graph = try Self.residualGraph()
    let (quantized, bytes) = try Self.pack(graph, keepFloat: [], method: .minmax, rounding: .tflite)
    let opcodes = try SlimModel(copying: bytes).operators.map(\.opcode)
    #expect(opcodes.contains(.addInt8) && !opcodes.contains(.addInt8SingleRounding))
    #expect(opcodes.filter { $0 == .conv2dInt8 }.count == 3 && !opcodes.contains(.scaleShiftInt8))
    #expect(opcodes.allSatisfy { $0.rawValue <= 30 })
    let probes = Self.inputs(8, seed: 901)
    for (probe, output) in zip(probes, try RuntimeProbe.run(bytes, inputs: probes)) {
      let expected = try Int8ReferenceEngine.run(quantized, inputs: [Tensor(shape: [1, 3, 8, 8], scalars: probe)])
      #expect(output == expected[0])
    }
  }

  /// A pruned network's channel selection between two int8 layers stays int8
  /// (`gatherChannelsInt8`), bit for bit as the reference; a record selecting a channel
  /// the input does not have, or none, is refused at load.
  @Test func channelSelectionsStayInt8() throws {
    var graph = Graph()
    let x = graph.addInput(name: "input", shape: [1, 3, 8, 8])
    let weight = Tensor(shape: [6, 3, 3, 3], scalars: ProbeInput.normal(count: 162, seed: 11).map { $0 * 0.3 })
    let a = try graph.append(.conv2d(.init(weight: weight, padding: 1, activation: .relu)), name: "conv", inputs: [x])
    let selected = try graph.append(.selectChannels(indexes: [4, 0, 4, 2]), name: "select", inputs: [a])
    let pooled = try graph.append(.globalAvgPool, name: "pool", inputs: [selected])
    let flat = try graph.append(.flatten, name: "flatten", inputs: [pooled])
    let fcWeight = Tensor(shape: [3, 4], scalars: ProbeInput.normal(count: 12, seed: 12))
    graph.outputs = [try graph.append(.linear(.init(weight: fcWeight)), name: "fc", inputs: [flat])]
    let ranges = try Calibrator.ranges(of: graph, inputs: Self.inputs(8, seed: 300), method: .minmax)
    let quantized = try Quantizer.quantize(graph, ranges: ranges, keepFloat: [])
    var packed = try QuantizedLowering.lower(quantized)
    let bytes = try SlimWriter.serialize(packed, compression: .none)
    let opcodes = try SlimModel(copying: bytes).operators.map(\.opcode)
    #expect(opcodes.contains(.gatherChannelsInt8) && !opcodes.contains(.gatherChannels))
    let probes = Self.inputs(4, seed: 301)
    for (probe, output) in zip(probes, try RuntimeProbe.run(bytes, inputs: probes)) {
      #expect(
        output == (try Int8ReferenceEngine.run(quantized, inputs: [Tensor(shape: [1, 3, 8, 8], scalars: probe)]))[0])
    }
    let index = try #require(packed.operators.firstIndex { $0.opcode == .gatherChannelsInt8 })
    packed.operators[index].params[1] = 6
    #expect(
      Self.loadError(try SlimWriter.serialize(packed, compression: .none))
        == .invalidOperator(index: index, reason: .param(index: 1)))
    packed.operators[index].params = []
    #expect(
      Self.loadError(try SlimWriter.serialize(packed, compression: .none))
        == .invalidOperator(index: index, reason: .paramCount(0)))
  }

  @Test func unknownKeepFloatLayerIsRejected() throws {
    let graph = try Self.residualGraph()
    #expect(throws: QuantizationError.self) { try Self.pack(graph, keepFloat: ["conv.z"], method: .minmax) }
  }

  /// Packs the residual graph after `tamper` edits the lowered model.
  static func tampered(_ tamper: (inout PackedModel) -> Void) throws -> [UInt8] {
    let graph = try residualGraph()
    let ranges = try Calibrator.ranges(of: graph, inputs: inputs(4, seed: 1), method: .minmax)
    var packed = try QuantizedLowering.lower(try Quantizer.quantize(graph, ranges: ranges, keepFloat: []))
    tamper(&packed)
    return try SlimWriter.serialize(packed, compression: .none)
  }

  static func loadError(_ bytes: [UInt8]) -> SlimError? {
    do {
      _ = try SlimModel(copying: bytes)
      return nil
    } catch { return error }
  }

  @Test func hostileInt8RecordsAreRejected() throws {
    let conv = { (packed: PackedModel) in packed.operators.firstIndex { $0.opcode == .conv2dInt8 }! }
    let shiftOutOfRange = try Self.tampered { packed in
      let requantization = packed.operators[conv(packed)].inputs[3]
      guard case .constantBytes(var bytes) = packed.tensors[requantization].storage else { return }
      let channels = packed.tensors[requantization].shape[1]
      bytes[(channels + 1) * 4] = 99  // shift of channel 1
      packed.tensors[requantization].storage = .constantBytes(bytes)
    }
    #expect(Self.loadError(shiftOutOfRange) == .invalidOperator(index: 1, reason: .requantization(channel: 1)))

    let zeroPointOutOfRange = try Self.tampered { $0.operators[conv($0)].params[9] = 128 }
    #expect(Self.loadError(zeroPointOutOfRange) == .invalidOperator(index: 1, reason: .param(index: 9)))

    let fusedActivation = try Self.tampered { $0.operators[conv($0)].activation = .relu }
    #expect(Self.loadError(fusedActivation) == .invalidOperator(index: 1, reason: .activationNotAllowed))

    let int8Output = try Self.tampered { packed in
      packed.tensors[packed.outputs[0]].dtype = .int8
    }
    guard case .invalidGraph(.ioNotFloat) = Self.loadError(int8Output) else {
      Issue.record("an int8 graph output was not rejected as such: \(String(describing: Self.loadError(int8Output)))")
      return
    }

    let floatWeightsForInt8Conv = try Self.tampered { packed in
      let weight = packed.operators[conv(packed)].inputs[1]
      packed.tensors[weight].storage = .constant(
        [Float](repeating: 0, count: packed.tensors[weight].shape.reduce(1, *)))
      packed.tensors[weight].dtype = .float32
    }
    #expect(Self.loadError(floatWeightsForInt8Conv) == .invalidOperator(index: 1, reason: .operandDType(operand: 1)))
  }

  /// The load error of the residual graph's file with the params of its first `opcode`
  /// record set as `changes` says (param index → value), and that record's index.
  static func rejection(_ opcode: SlimOpcode, params changes: [Int: Int32]) throws -> (SlimError?, index: Int) {
    let record = { (packed: PackedModel) in packed.operators.firstIndex { $0.opcode == opcode }! }
    let bytes = try tampered { packed in
      for (param, value) in changes { packed.operators[record(packed)].params[param] = value }
    }
    return (
      loadError(bytes), try SlimModel(copying: try tampered { _ in }).operators.firstIndex { $0.opcode == opcode }!
    )
  }

  /// The load error of the residual graph's file with its `scaleShiftInt8` constants set as
  /// `changes` says (row: multipliers 0, offsets 1, shifts 2).
  static func scaleShiftRejection(_ changes: [(row: Int, channel: Int, value: Int32)]) throws -> SlimError? {
    loadError(
      try tampered { packed in
        let op = packed.operators.firstIndex { $0.opcode == .scaleShiftInt8 }!
        let tensor = packed.operators[op].inputs[1]
        guard case .constantBytes(var bytes) = packed.tensors[tensor].storage else { return }
        for change in changes {
          let at = (change.row * packed.tensors[tensor].shape[1] + change.channel) * 4
          for k in 0..<4 { bytes[at + k] = UInt8(truncatingIfNeeded: UInt32(bitPattern: change.value) >> (8 * k)) }
        }
        packed.tensors[tensor].storage = .constantBytes(bytes)
      })
  }

  /// A `scaleShiftInt8` record with a channel whose int32 arithmetic could wrap, or
  /// with operands or params out of range, is refused at load, naming the channel,
  /// operand or param.
  @Test func hostileScaleShiftsAreRejected() throws {
    let index = try Self.rejection(.scaleShiftInt8, params: [:]).index
    func problem(_ reason: SlimError.OperatorProblem) -> SlimError { .invalidOperator(index: index, reason: reason) }
    #expect(try Self.scaleShiftRejection([]) == nil)
    #expect(try Self.scaleShiftRejection([(2, 2, 31)]) == problem(.requantization(channel: 2)))
    #expect(try Self.scaleShiftRejection([(2, 1, -1)]) == problem(.requantization(channel: 1)))
    // 128·|M| + |B| < 2^31: the largest offset for multiplier −2^20 passes, one more does not.
    let largest = Int32((Int64(1) << 31) - 1 - 128 * (1 << 20))
    #expect(try Self.scaleShiftRejection([(0, 3, -(1 << 20)), (1, 3, -largest)]) == nil)
    #expect(
      try Self.scaleShiftRejection([(0, 3, -(1 << 20)), (1, 3, -largest - 1)]) == problem(.requantization(channel: 3)))
    let wrongShape = try Self.tampered { packed in
      let tensor = packed.operators[packed.operators.firstIndex { $0.opcode == .scaleShiftInt8 }!].inputs[1]
      packed.tensors[tensor].shape = [packed.tensors[tensor].shape[1], 3]
    }
    #expect(Self.loadError(wrongShape) == problem(.operandShape(operand: 1)))
    let extraParam = try Self.tampered { packed in
      packed.operators[packed.operators.firstIndex { $0.opcode == .scaleShiftInt8 }!].params.append(0)
    }
    #expect(Self.loadError(extraParam) == problem(.paramCount(3)))
    #expect(try Self.rejection(.scaleShiftInt8, params: [0: 128]).0 == problem(.param(index: 0)))
    #expect(try Self.rejection(.scaleShiftInt8, params: [0: 10, 1: 9]).0 == problem(.param(index: 1)))
  }

  /// An `addInt8SingleRounding` record whose int32 arithmetic could wrap, or whose
  /// params are out of range, is refused at load with the param named.
  @Test func hostileSingleRoundingAddsAreRejected() throws {
    let index = try Self.rejection(.addInt8SingleRounding, params: [:]).index
    func problem(_ reason: SlimError.OperatorProblem) -> SlimError { .invalidOperator(index: index, reason: reason) }
    func rejection(_ changes: [Int: Int32]) throws -> SlimError? {
      try Self.rejection(.addInt8SingleRounding, params: changes).0
    }
    #expect(try rejection([:]) == nil)
    #expect(try rejection([1: -129]) == problem(.param(index: 1)))
    #expect(try rejection([3: -1]) == problem(.param(index: 3)))
    #expect(try rejection([4: -1]) == problem(.param(index: 4)))
    #expect(try rejection([5: 0]) == problem(.param(index: 5)))
    #expect(try rejection([5: 31]) == problem(.param(index: 5)))
    // The largest multipliers' sum with 255·(Ma + Mb) + 2^(S−1) < 2^31 is accepted, one more is not.
    func bound(shift: Int32, extra: Int32) -> [Int: Int32] {
      let room = ((Int64(1) << 31) - 1 - (Int64(1) << (shift - 1))) / 255
      return [3: Int32(room / 2), 4: Int32(room - room / 2) + extra, 5: shift]
    }
    #expect(try rejection(bound(shift: 30, extra: 0)) == nil)
    #expect(try rejection(bound(shift: 30, extra: 1)) == problem(.param(index: 5)))
    #expect(try rejection(bound(shift: 12, extra: 1)) == problem(.param(index: 5)))
    #expect(try rejection([6: 10, 7: 9]) == problem(.param(index: 7)))
    let extraParam = try Self.tampered { packed in
      packed.operators[packed.operators.firstIndex { $0.opcode == .addInt8SingleRounding }!].params.append(0)
    }
    #expect(Self.loadError(extraParam) == problem(.paramCount(9)))
  }
}
