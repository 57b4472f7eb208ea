import Foundation
import Testing

@testable import SlimCompiler

/// Write-back of pruned graphs into small ONNX models built here: batch norms (so
/// `--method slimming` applies), ops the importer folds (Identity between conv and
/// batch norm, MatMul + Add), `value_info`, external data, and what must be refused.
@Suite struct ONNXPruneWriteBackTests {
  typealias B = ONNXModelBuilder

  /// Deterministic weights: varied magnitudes so criteria have something to choose.
  static func values(_ count: Int, seed: Int) -> [Float] {
    (0..<count).map { i in Float(((i * 7 + seed * 13) % 17) - 8) / 9 }
  }

  static func attribute(_ name: String, ints: [Int64]) -> Onnx_AttributeProto {
    var a = Onnx_AttributeProto()
    a.name = name
    a.type = .ints
    a.ints = ints
    return a
  }

  static func attribute(_ name: String, int: Int64) -> Onnx_AttributeProto {
    var a = Onnx_AttributeProto()
    a.name = name
    a.type = .int
    a.i = int
    return a
  }

  static func attribute(_ name: String, float: Float) -> Onnx_AttributeProto {
    var a = Onnx_AttributeProto()
    a.name = name
    a.type = .float
    a.f = float
    return a
  }

  /// x [1, 2, 4, 4] → Conv 3x3 (6) → Identity → BN → Relu → Conv 1x1 (5) → BN → Relu →
  /// GlobalAveragePool → Flatten → head → y [1, 3]; head is Gemm (transB = 1) or MatMul + Add.
  static func model(
    matMul: Bool = false, shareSecondWeight: Bool = false, gemmAlpha: Float = 1, transB: Bool = true,
    valueInfo: Bool = true
  ) -> Onnx_ModelProto {
    var conv1 = B.node("Conv", ["x", "w1", "b1"], ["c1"], name: "conv1")
    conv1.attribute = [attribute("kernel_shape", ints: [3, 3]), attribute("pads", ints: [1, 1, 1, 1])]
    var bn1 = B.node("BatchNormalization", ["c1i", "g1", "be1", "m1", "v1"], ["n1"], name: "bn1")
    bn1.attribute = [attribute("epsilon", float: 1e-5)]
    let conv2 = B.node("Conv", ["r1", shareSecondWeight ? "w1x1" : "w2", "b2"], ["c2"], name: "conv2")
    let bn2 = B.node("BatchNormalization", ["c2", "g2", "be2", "m2", "v2"], ["n2"], name: "bn2")
    var nodes = [
      conv1, B.node("Identity", ["c1"], ["c1i"], name: "identity"), bn1, B.node("Relu", ["n1"], ["r1"], name: "relu1"),
      conv2, bn2, B.node("Relu", ["n2"], ["r2"], name: "relu2"),
      B.node("GlobalAveragePool", ["r2"], ["p"], name: "pool"), B.node("Flatten", ["p"], ["f"], name: "flatten"),
    ]
    var initializers = [
      B.floats("w1", [6, 2, 3, 3], values(108, seed: 1)), B.floats("b1", [6], values(6, seed: 2)),
      B.floats("w2", [5, 6, 1, 1], values(30, seed: 3)), B.floats("b2", [5], values(5, seed: 4)),
      B.floats("g1", [6], [0.9, 0.01, 0.5, 0.02, 1.2, 0.3]), B.floats("be1", [6], [0.1, 0.2, -0.1, 0.3, 0, 0.05]),
      B.floats("m1", [6], values(6, seed: 5)), B.floats("v1", [6], [1, 2, 0.5, 1, 1.5, 0.7]),
      B.floats("g2", [5], [0.03, 0.8, 0.6, 0.01, 1.1]), B.floats("be2", [5], [0.2, -0.1, 0.1, 0.4, 0]),
      B.floats("m2", [5], values(5, seed: 6)), B.floats("v2", [5], [1, 0.5, 2, 1, 0.8]),
    ]
    if shareSecondWeight {
      // conv2 reads a [5, 6, 1, 1] weight that a second conv on the same input also reads.
      initializers[2].name = "w1x1"
      nodes.insert(B.node("Conv", ["r1", "w1x1"], ["unused"], name: "twin"), at: 5)
    }
    if matMul {
      nodes += [
        B.node("MatMul", ["f", "wf"], ["mm"], name: "fc"), B.node("Add", ["mm", "bf"], ["y"], name: "fc_bias"),
      ]
      initializers += [B.floats("wf", [5, 3], values(15, seed: 7)), B.floats("bf", [3], [0.1, -0.2, 0.3])]
    } else {
      var gemm = B.node("Gemm", ["f", "wf", "bf"], ["y"], name: "fc")
      gemm.attribute = [attribute("transB", int: transB ? 1 : 0)]
      if gemmAlpha != 1 { gemm.attribute.append(attribute("alpha", float: gemmAlpha)) }
      nodes.append(gemm)
      initializers += [
        B.floats("wf", transB ? [3, 5] : [5, 3], values(15, seed: 7)), B.floats("bf", [3], [0.1, -0.2, 0.3]),
      ]
    }
    var model = Onnx_ModelProto()
    model.irVersion = 8
    var entry = Onnx_OperatorSetIdProto()
    entry.version = 13
    model.opsetImport = [entry]
    model.graph.name = "small"
    model.graph.node = nodes
    model.graph.initializer = initializers
    model.graph.input = [B.value("x", [1, 2, 4, 4])]
    model.graph.output = [B.value("y", [1, 3])]
    if valueInfo { model.graph.valueInfo = [B.value("c1i", [1, 6, 4, 4]), B.value("f", [1, 5])] }
    return model
  }

  /// x → (Conv 3x3 (4) → Relu, Conv 1x1 (3) → Relu) → Concat (7) → Conv 1x1 (5) → Relu →
  /// GlobalAveragePool → Flatten → Gemm → y [1, 3]: concat maps channels by offset.
  static func concatModel() -> Onnx_ModelProto {
    var a = B.node("Conv", ["x", "wa", "ba"], ["ca"], name: "conv_a")
    a.attribute = [attribute("pads", ints: [1, 1, 1, 1])]
    var concat = B.node("Concat", ["ra", "rb"], ["cat"], name: "concat")
    concat.attribute = [attribute("axis", int: 1)]
    var gemm = B.node("Gemm", ["f", "wf", "bf"], ["y"], name: "fc")
    gemm.attribute = [attribute("transB", int: 1)]
    var model = Onnx_ModelProto()
    model.irVersion = 8
    var entry = Onnx_OperatorSetIdProto()
    entry.version = 13
    model.opsetImport = [entry]
    model.graph.node = [
      a, B.node("Relu", ["ca"], ["ra"], name: "relu_a"), B.node("Conv", ["x", "wb", "bb"], ["cb"], name: "conv_b"),
      B.node("Relu", ["cb"], ["rb"], name: "relu_b"), concat,
      B.node("Conv", ["cat", "wc", "bc"], ["cc"], name: "conv_c"),
      B.node("Relu", ["cc"], ["rc"], name: "relu_c"), B.node("GlobalAveragePool", ["rc"], ["p"], name: "pool"),
      B.node("Flatten", ["p"], ["f"], name: "flatten"), gemm,
    ]
    model.graph.initializer = [
      B.floats("wa", [4, 2, 3, 3], values(72, seed: 1)), B.floats("ba", [4], values(4, seed: 2)),
      B.floats("wb", [3, 2, 1, 1], values(6, seed: 3)), B.floats("bb", [3], values(3, seed: 4)),
      B.floats("wc", [5, 7, 1, 1], values(35, seed: 5)), B.floats("bc", [5], values(5, seed: 6)),
      B.floats("wf", [3, 5], values(15, seed: 7)), B.floats("bf", [3], [0.1, -0.2, 0.3]),
    ]
    model.graph.input = [B.value("x", [1, 2, 4, 4])]
    model.graph.output = [B.value("y", [1, 3])]
    model.graph.valueInfo = [B.value("cat", [1, 7, 4, 4])]
    return model
  }

  static func save(_ model: Onnx_ModelProto) throws -> String {
    let path = try CommandLineTests.scratch().appendingPathComponent("small.onnx").path
    try model.serializedData().write(to: URL(fileURLWithPath: path))
    return path
  }

  static func slimming(_ percent: Double, compensate: Bool = true) -> PruneOptions {
    var options = PruneOptions()
    options.percent = percent
    options.compensate = compensate
    return options
  }

  static func initializer(_ model: Onnx_ModelProto, _ name: String) -> Onnx_TensorProto? {
    model.graph.initializer.first { $0.name == name }
  }

  @Test(arguments: [false, true], [false, true])
  func slimmingWritesNarrowedBatchNormsAndConvs(matMul: Bool, compensate: Bool) throws {
    let path = try Self.save(Self.model(matMul: matMul))
    let output = try ONNXPruning.prune(modelAt: path, options: Self.slimming(0.3, compensate: compensate))
    let written = try Onnx_ModelProto(serializedBytes: output.bytes)
    // 11 |γ| pooled, sorted[int(11 · 0.3)] = 0.03: bn1 keeps 4 of 6, bn2 3 of 5.
    #expect(output.result.masks.threshold == 0.03)
    #expect(Self.initializer(written, "g1")?.dims == [4])
    #expect(Self.initializer(written, "w1")?.dims == [4, 2, 3, 3])
    #expect(Self.initializer(written, "w2")?.dims == [3, 4, 1, 1])
    #expect(Self.initializer(written, "v2")?.dims == [3])
    #expect(Self.initializer(written, "wf")?.dims == [3, 3])
    #expect(Self.initializer(written, "bf")?.dims == [3])
    // The Identity the importer folded stays, with its value_info corrected.
    #expect(written.graph.node.map(\.name) == Self.model(matMul: matMul).graph.node.map(\.name))
    let info = try #require(written.graph.valueInfo.first { $0.name == "c1i" })
    #expect(info.type.tensorType.shape.dim.map(\.dimValue) == [1, 4, 4, 4])
    #expect(written.graph.valueInfo.first { $0.name == "f" }?.type.tensorType.shape.dim.map(\.dimValue) == [1, 3])
    let rebuilt = try ONNXImporter.importGraph(Data(output.bytes), directory: nil)
    let x = Tensor(shape: [1, 2, 4, 4], scalars: Self.values(32, seed: 9))
    let a = try ReferenceEngine.run(rebuilt, inputs: [x])[0],
      b = try ReferenceEngine.run(output.result.pruned, inputs: [x])[0]
    #expect(Comparison(candidate: a.scalars, reference: b.scalars).maxAbsoluteDifference == 0)
  }

  @Test func slimmingModelRunsInOnnxRuntime() throws {
    if let reason = ONNXRuntimeRunner.unavailable {
      print("onnx-prune-ort: skipped: \(reason)")
      return
    }
    for matMul in [false, true] {
      let output = try ONNXPruning.prune(
        modelAt: try Self.save(Self.model(matMul: matMul)), options: Self.slimming(0.3))
      let path = try ONNXPruneTests.write(output.bytes, name: "pruned.onnx")
      let inputs = [Self.values(32, seed: 9), Self.values(32, seed: 10)]
      let ort = try ONNXRuntimeRunner.run(model: path, inputs: inputs, shape: [1, 2, 4, 4])
      for (input, theirs) in zip(inputs, ort) {
        let ours = try ReferenceEngine.run(output.result.pruned, inputs: [Tensor(shape: [1, 2, 4, 4], scalars: input)])
        let comparison = Comparison(candidate: theirs, reference: ours[0].scalars)
        #expect(comparison.relativeDifference <= 1e-4, "matMul \(matMul): \(comparison)")
      }
    }
  }

  func writeBackError(_ model: Onnx_ModelProto, _ options: PruneOptions) throws -> String? {
    let path = try Self.save(model)
    do {
      _ = try ONNXPruning.prune(modelAt: path, options: options)
      return nil
    } catch {
      guard case .writeBack(let detail) = error else { return "unexpected: \(error)" }
      return detail
    }
  }

  @Test func gemmWithoutTransBAndInitializersListedAsInputs() throws {
    // IR 3 lists every initializer among the graph inputs; their declared shapes must follow.
    var model = Self.model(transB: false)
    model.irVersion = 3
    model.graph.input += model.graph.initializer.map { B.value($0.name, $0.dims) }
    let output = try ONNXPruning.prune(modelAt: try Self.save(model), options: Self.slimming(0.3))
    let written = try Onnx_ModelProto(serializedBytes: output.bytes)
    #expect(Self.initializer(written, "wf")?.dims == [3, 3])
    for tensor in written.graph.initializer {
      let declared = try #require(written.graph.input.first { $0.name == tensor.name })
      #expect(declared.type.tensorType.shape.dim.map(\.dimValue) == tensor.dims, "\(tensor.name)")
    }
    #expect(written.graph.input.first?.name == "x")
    let rebuilt = try ONNXImporter.importGraph(Data(output.bytes), directory: nil)
    let x = Tensor(shape: [1, 2, 4, 4], scalars: Self.values(32, seed: 11))
    let a = try ReferenceEngine.run(rebuilt, inputs: [x])[0]
    let b = try ReferenceEngine.run(output.result.pruned, inputs: [x])[0]
    #expect(Comparison(candidate: a.scalars, reference: b.scalars).maxAbsoluteDifference == 0)
  }

  @Test func concatenatedBranchesNarrowTheReaderByOffset() throws {
    var options = PruneOptions()
    options.method = .l1
    options.ratio = 0.5
    let output = try ONNXPruning.prune(modelAt: try Self.save(Self.concatModel()), options: options)
    let written = try Onnx_ModelProto(serializedBytes: output.bytes)
    // conv_a 4 → 2, conv_b 3 → 2 (int(1.5) removed), so conv_c reads 4 channels; it keeps 3 of 5.
    #expect(Self.initializer(written, "wa")?.dims == [2, 2, 3, 3])
    #expect(Self.initializer(written, "wb")?.dims == [2, 2, 1, 1])
    #expect(Self.initializer(written, "wc")?.dims == [3, 4, 1, 1])
    #expect(Self.initializer(written, "wf")?.dims == [3, 3])
    #expect(written.graph.valueInfo.first?.type.tensorType.shape.dim.map(\.dimValue) == [1, 4, 4, 4])
    guard ONNXRuntimeRunner.unavailable == nil else {
      print("onnx-prune-ort: skipped: \(ONNXRuntimeRunner.unavailable!)")
      return
    }
    let path = try ONNXPruneTests.write(output.bytes, name: "concat.onnx")
    let input = Self.values(32, seed: 12)
    let ort = try ONNXRuntimeRunner.run(model: path, inputs: [input], shape: [1, 2, 4, 4])
    let ours = try ReferenceEngine.run(output.result.pruned, inputs: [Tensor(shape: [1, 2, 4, 4], scalars: input)])
    let comparison = Comparison(candidate: ort[0], reference: ours[0].scalars)
    #expect(comparison.relativeDifference <= 1e-4, "\(comparison)")
  }

  @Test func sharedInitializerIsRefused() throws {
    let error = try writeBackError(Self.model(shareSecondWeight: true), Self.slimming(0.3))
    #expect(error?.contains("initializer 'w1x1' is read by 2 node inputs") == true, "\(error ?? "nil")")
  }

  @Test func gemmAlphaIsRefusedWhenItsWeightChanges() throws {
    let error = try writeBackError(Self.model(gemmAlpha: 0.5), Self.slimming(0.3))
    #expect(error?.contains("Gemm 'fc' scales its weight by alpha = 0.5") == true, "\(error ?? "nil")")
  }

  @Test func weightFromAConstantNodeIsRefused() throws {
    var model = Self.model()
    let index = try #require(model.graph.initializer.firstIndex { $0.name == "w2" })
    var constant = B.node("Constant", [], ["w2"], name: "w2_const")
    var value = Onnx_AttributeProto()
    value.name = "value"
    value.type = .tensor
    value.t = model.graph.initializer.remove(at: index)
    constant.attribute = [value]
    model.graph.node.insert(constant, at: 0)
    let error = try writeBackError(model, Self.slimming(0.3))
    #expect(error?.contains("'w2', input 1 of node 'conv2' (Conv), is not an initializer") == true, "\(error ?? "nil")")
  }

  @Test func reshapeToALiteralWidthIsRefused() throws {
    var model = Self.model(valueInfo: false)
    // Flatten becomes Reshape(p, [1, 5]): the literal 5 is bn2's width before pruning.
    let index = try #require(model.graph.node.firstIndex { $0.opType == "Flatten" })
    model.graph.node[index] = B.node("Reshape", ["p", "target"], ["f"], name: "reshape")
    var target = Onnx_TensorProto()
    target.name = "target"
    target.dims = [2]
    target.dataType = Int32(Onnx_TensorProto.DataType.int64.rawValue)
    target.int64Data = [1, 5]
    model.graph.initializer.append(target)
    let error = try writeBackError(model, Self.slimming(0.3))
    #expect(error?.contains("the pruned model does not import again") == true, "\(error ?? "nil")")
    #expect(error?.contains("reshape") == true, "\(error ?? "nil")")
  }

  @Test func externalDataIsWrittenInline() throws {
    var model = Self.model()
    let folder = try CommandLineTests.scratch()
    var blob = Data()
    for index in model.graph.initializer.indices where ["w1", "wf"].contains(model.graph.initializer[index].name) {
      var tensor = model.graph.initializer[index]
      let bytes = ONNXWriteBack.littleEndian(tensor.floatData)
      var location = Onnx_StringStringEntryProto(), offset = Onnx_StringStringEntryProto()
      location.key = "location"
      location.value = "weights.bin"
      offset.key = "offset"
      offset.value = "\(blob.count)"
      tensor.externalData = [location, offset]
      tensor.dataLocation = .external
      tensor.floatData = []
      blob.append(bytes)
      model.graph.initializer[index] = tensor
    }
    try blob.write(to: folder.appendingPathComponent("weights.bin"))
    let path = folder.appendingPathComponent("external.onnx").path
    try model.serializedData().write(to: URL(fileURLWithPath: path))
    let output = try ONNXPruning.prune(modelAt: path, options: Self.slimming(0.3))
    let written = try Onnx_ModelProto(serializedBytes: output.bytes)
    #expect(written.graph.initializer.allSatisfy { $0.dataLocation == .default && $0.externalData.isEmpty })
    #expect(output.notes.contains("'w1' was in external data and is written inline"))
    // Directory nil: the written model needs no file beside it.
    _ = try ONNXImporter.importGraph(Data(output.bytes), directory: nil)
  }
}
