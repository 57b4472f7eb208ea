import SlimRuntime
import Testing

@testable import SlimCompiler

/// Int8 graphs whose input is uint8 pixels (`quantizePixels`), through the file format
/// and the runtime: equal to the int8 reference and to the float32-input model bit for
/// bit, refused when a float layer would read the pixels, and hostile records rejected
/// with typed errors.
@Suite struct PixelInputGraphTests {
  static let preprocessing = PixelPreprocessing(mean: [0.2, 0.5, 0.7], std: [0.3, 0.25, 0.9])
  static let decoder = InputDecoder(
    inputShape: [1, 3, 8, 8], mean: preprocessing.mean, std: preprocessing.std)

  static func pixels(_ count: Int, seed: UInt64) -> [[UInt8]] {
    (0..<count).map { ProbeInput.pixels(count: 8 * 8 * 3, seed: seed + UInt64($0)) }
  }

  static func normalized(_ pixels: [UInt8]) -> [Float] { decoder.normalize(pixels: pixels.map(Float.init)) }

  /// The residual graph quantized twice with the same ranges (calibrated on normalized
  /// pixels): with a pixel input and with a float32 input.
  struct Pair {
    var pixel: QuantizedGraph
    var float: QuantizedGraph
    var pixelBytes: [UInt8]
    var floatBytes: [UInt8]
  }

  static func pair(keepFloat: [String], method: CalibrationMethod) throws -> Pair {
    let graph = try Int8GraphTests.residualGraph()
    let calibration = pixels(16, seed: 100).map(normalized)
    let ranges = try Calibrator.ranges(of: graph, inputs: calibration, method: method)
    let pixel = try Quantizer.quantize(graph, ranges: ranges, keepFloat: keepFloat, pixelInput: preprocessing)
    let float = try Quantizer.quantize(graph, ranges: ranges, keepFloat: keepFloat)
    return Pair(
      pixel: pixel, float: float,
      pixelBytes: try SlimWriter.serialize(try QuantizedLowering.lower(pixel), compression: .none),
      floatBytes: try SlimWriter.serialize(try QuantizedLowering.lower(float), compression: .none))
  }

  @Test(arguments: [[], ["last"], ["conv.b"]], CalibrationMethod.allCases)
  func pixelModelEqualsTheReferenceAndTheFloatInputModel(keepFloat: [String], method: CalibrationMethod) throws {
    let pair = try Self.pair(keepFloat: keepFloat, method: method)
    let probes = [ProbeInput.pixelSweep(spatial: 64, channels: 3)] + Self.pixels(8, seed: 900)
    let outputs = try RuntimeProbe.run(pair.pixelBytes, pixels: probes)
    let floatOutputs = try RuntimeProbe.run(pair.floatBytes, inputs: probes.map(Self.normalized))
    for (n, probe) in probes.enumerated() {
      let expected = try Int8ReferenceEngine.run(pair.pixel, pixels: [probe])[0]
      if keepFloat.isEmpty {
        #expect(outputs[n] == expected)
      } else {
        #expect(Comparison(candidate: outputs[n], reference: expected).sameTop1)
      }
      // The same integer graph after the first operator, whose outputs are equal: so are the models'.
      #expect(outputs[n] == floatOutputs[n], "probe \(n)")
      let floatReference = try Int8ReferenceEngine.run(
        pair.float, inputs: [Tensor(shape: [1, 3, 8, 8], scalars: Self.normalized(probe))])[0]
      #expect(expected == floatReference, "probe \(n)")
    }
    let model = try SlimModel(copying: pair.pixelBytes)
    #expect(model.operators.first?.opcode == .quantizePixels)
    // Only the table reads the pixels (a kept-float layer may still quantize its own output).
    #expect(model.operators.filter { $0.inputs.contains(model.inputIndices[0]) }.map(\.opcode) == [.quantizePixels])
    #expect(model.inputs[0].dtype == .uint8 && model.inputs[0].shape == [1, 8, 8, 3])
    #expect(model.inputs[0].byteSize == 192)
  }

  @Test func aFloatLayerReadingThePixelsIsRefused() throws {
    #expect(throws: QuantizationError.pixelInputReadAsFloat(layer: "conv.a")) {
      try Self.pair(keepFloat: ["first"], method: .minmax)
    }
    let graph = try Int8GraphTests.residualGraph()
    let ranges = try Calibrator.ranges(
      of: graph, inputs: [Self.normalized(Self.pixels(1, seed: 1)[0])], method: .minmax)
    #expect(throws: QuantizationError.pixelPreprocessing(channels: 3, mean: 1, std: 3)) {
      try Quantizer.quantize(
        graph, ranges: ranges, keepFloat: [], pixelInput: PixelPreprocessing(mean: [0], std: [1, 1, 1]))
    }
  }

  @Test func sessionsCheckTheInputsElementType() throws {
    let pair = try Self.pair(keepFloat: [], method: .minmax)
    let pixelSession = try SlimSession(model: try SlimModel(copying: pair.pixelBytes))
    let floatSession = try SlimSession(model: try SlimModel(copying: pair.floatBytes))
    let pixels = Self.pixels(1, seed: 7)[0]
    let floats = Self.normalized(pixels)
    var output = [Float](repeating: 0, count: 5)
    func error(_ body: (UnsafeMutableBufferPointer<Float>) throws(SlimError) -> Void) -> SlimError? {
      do {
        try output.withUnsafeMutableBufferPointer { (y) throws(SlimError) in try body(y) }
        return nil
      } catch { return error }
    }
    let floatIntoPixels = error { y throws(SlimError) in
      try floats.withUnsafeBufferPointer { (x) throws(SlimError) in try pixelSession.run(input: x, output: y) }
    }
    #expect(floatIntoPixels == .inputDTypeMismatch(expected: .uint8, actual: .float32))
    let pixelsIntoFloat = error { y throws(SlimError) in
      try pixels.withUnsafeBufferPointer { (x) throws(SlimError) in try floatSession.run(pixels: x, output: y) }
    }
    #expect(pixelsIntoFloat == .inputDTypeMismatch(expected: .float32, actual: .uint8))
    let short = error { y throws(SlimError) in
      try Array(pixels.dropLast()).withUnsafeBufferPointer { (x) throws(SlimError) in
        try pixelSession.run(pixels: x, output: y)
      }
    }
    #expect(short == .inputSizeMismatch(expected: 192, actual: 191))
    #expect(floatIntoPixels?.description.contains("uint8") == true)

    // Float code meets an empty buffer; the bytes are the pixel slot.
    #expect(pixelSession.inputBuffer(0).isEmpty)
    #expect(pixelSession.inputBytes(0).count == 192)
    #expect(floatSession.inputBytes(0).count == 192 * 4)
    let viaRun = try RuntimeProbe.run(pair.pixelBytes, pixels: [pixels])[0]
    pixels.withUnsafeBytes { pixelSession.inputBytes(0).copyMemory(from: $0) }
    pixelSession.run()
    #expect(Array(pixelSession.outputBuffer(0)) == viaRun)
  }

  /// The pixel model after `tamper` edits it, re-planned so that size changes stay valid.
  static func tampered(_ tamper: (inout PackedModel) -> Void) throws -> [UInt8] {
    let graph = try Int8GraphTests.residualGraph()
    let ranges = try Calibrator.ranges(of: graph, inputs: pixels(4, seed: 1).map(normalized), method: .minmax)
    var packed = try QuantizedLowering.lower(
      try Quantizer.quantize(graph, ranges: ranges, keepFloat: [], pixelInput: preprocessing))
    tamper(&packed)
    let lifetimes = packed.activationLifetimes()
    let plan = MemoryPlanner.plan(lifetimes.map(\.buffer))
    for (slot, lifetime) in lifetimes.enumerated() {
      packed.tensors[lifetime.tensor].storage = .activation(arenaOffset: plan.offsets[slot])
    }
    packed.arenaSize = plan.arenaSize
    return try SlimWriter.serialize(packed, compression: .none)
  }

  @Test func hostileRecordsAreRejected() throws {
    func table(_ packed: PackedModel) -> Int { packed.operators[0].inputs[1] }
    func reshape(_ tensor: Int, _ shape: [Int], in packed: inout PackedModel) {
      packed.tensors[tensor].shape = shape
    }
    let cases: [(String, (inout PackedModel) -> Void, SlimError)] = [
      (
        "table [3, 255]",
        { packed in
          let t = table(packed)
          guard case .constantBytes(let bytes) = packed.tensors[t].storage else { return }
          packed.tensors[t].shape = [3, 255]
          packed.tensors[t].storage = .constantBytes(Array(bytes.prefix(765)))
        }, .invalidOperator(index: 0, reason: .operandShape(operand: 1))
      ),
      (
        "table [256, 3]", { reshape(table($0), [256, 3], in: &$0) },
        .invalidOperator(index: 0, reason: .operandShape(operand: 1))
      ),
      (
        "table [768]", { reshape(table($0), [768], in: &$0) },
        .invalidOperator(index: 0, reason: .operandShape(operand: 1))
      ),
      (
        "uint8 table", { $0.tensors[table($0)].dtype = .uint8 },
        .invalidOperator(index: 0, reason: .operandDType(operand: 1))
      ),
      (
        "float32 table",
        { packed in
          let t = table(packed)
          packed.tensors[t].dtype = .float32
          packed.tensors[t].storage = .constant([Float](repeating: 0, count: 768))
        }, .invalidOperator(index: 0, reason: .operandDType(operand: 1))
      ),
      (
        "float32 x",
        { packed in packed.tensors[packed.inputs[0]].dtype = .float32 },
        .invalidOperator(index: 0, reason: .operandDType(operand: 0))
      ),
      (
        "uint8 output",
        { packed in packed.tensors[packed.operators[0].outputs[0]].dtype = .uint8 },
        .invalidOperator(index: 0, reason: .operandDType(operand: 2))
      ),
      (
        "x of rank 3",
        { packed in packed.tensors[packed.inputs[0]].shape = [8, 8, 3] },
        .invalidOperator(index: 0, reason: .operandShape(operand: 0))
      ),
      (
        "x with 6 channels for a 3-row table",
        { packed in packed.tensors[packed.inputs[0]].shape = [1, 8, 4, 6] },
        .invalidOperator(index: 0, reason: .operandShape(operand: 1))
      ),
      (
        "output of another shape",
        { packed in packed.tensors[packed.inputs[0]].shape = [1, 4, 16, 3] },
        .invalidOperator(index: 0, reason: .outputShape)
      ),
      ("a parameter", { $0.operators[0].params = [0] }, .invalidOperator(index: 0, reason: .paramCount(1))),
      ("no table", { $0.operators[0].inputs.removeLast() }, .invalidOperator(index: 0, reason: .inputCount(1))),
      (
        "a fused ReLU", { $0.operators[0].activation = .relu },
        .invalidOperator(index: 0, reason: .activationNotAllowed)
      ),
      (
        "pixels into an int8 convolution",
        { packed in
          let conv = packed.operators.firstIndex { $0.opcode == .conv2dInt8 }!
          packed.operators[conv].inputs[0] = packed.inputs[0]
        }, .invalidOperator(index: 1, reason: .operandDType(operand: 0))
      ),
      ("an int8 graph input", { $0.tensors[$0.inputs[0]].dtype = .int8 }, .invalidGraph(.inputDType(0))),
    ]
    for (name, tamper, expected) in cases {
      #expect(Int8GraphTests.loadError(try Self.tampered(tamper)) == expected, "\(name)")
    }

    let uint8Output = try Self.tampered { $0.tensors[$0.outputs[0]].dtype = .uint8 }
    guard case .invalidGraph(.ioNotFloat) = Int8GraphTests.loadError(uint8Output) else {
      Issue.record(
        "a uint8 graph output was not rejected: \(String(describing: Int8GraphTests.loadError(uint8Output)))")
      return
    }
    // A float operator never reads pixels: the float-input model with a float first layer, its input made uint8.
    let graph = try Int8GraphTests.residualGraph()
    let ranges = try Calibrator.ranges(of: graph, inputs: Self.pixels(2, seed: 3).map(Self.normalized), method: .minmax)
    var floatFirst = try QuantizedLowering.lower(try Quantizer.quantize(graph, ranges: ranges, keepFloat: ["first"]))
    floatFirst.tensors[floatFirst.inputs[0]].dtype = .uint8
    let bytes = try SlimWriter.serialize(floatFirst, compression: .none)
    #expect(Int8GraphTests.loadError(bytes) == .invalidOperator(index: 0, reason: .operandDType(operand: 0)))
  }

  /// Every byte of the graph, plan and metadata flipped behind repaired CRCs: each file
  /// loads and runs on pixels, or fails with a typed error; never a crash.
  @Test func everyStructuralByteFlipLoadsOrThrows() throws {
    let bytes = try Self.pair(keepFloat: [], method: .minmax).pixelBytes
    let layout = SlimFileLayout(bytes)
    let pixels = Self.pixels(1, seed: 11)
    let original = try RuntimeProbe.run(bytes, pixels: pixels)
    var loaded = 0, rejected = 0
    for (tag, range) in layout.sections where tag != SlimFormat.weightsTag {
      for position in range {
        var damaged = bytes
        damaged[position] ^= 0xFF
        SlimChecksums.repair(&damaged)
        do {
          let output = try RuntimeProbe.run(damaged, pixels: pixels)
          loaded += 1
          if layout.ignored.contains(position) { #expect(output == original, "reserved byte \(position)") }
        } catch {
          rejected += 1
          #expect(!error.description.isEmpty)
        }
      }
    }
    #expect(loaded > 0 && rejected > 0)
  }
}
