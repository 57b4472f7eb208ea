import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// The report's numbers against ones derived by hand from the fixture's widths.
@Suite struct ReportNumbersTests {
  @Test func macsAndParametersEqualHandFormulas() throws {
    let report = try ReportFixture.comparedReport()
    let convs = ReportFixture.convLayers(ReportFixture.widthsAfter)
    let convRows = report.layers.filter { $0.op == "conv2d" }
    #expect(convRows.count == convs.count)
    for (row, conv) in zip(convRows, convs) {
      // 3×3 kernel, one MAC per weight per output pixel; folded BN leaves a bias.
      #expect(row.macs == conv.side * conv.side * conv.outputs * conv.inputs * 9)
      #expect(row.parameters == conv.outputs * conv.inputs * 9 + conv.outputs)
      #expect(row.weightBytes == 4 * row.parameters)
      #expect(row.outputShape == [1, conv.outputs, conv.side, conv.side])
    }
    let last = ReportFixture.widthsAfter.last!
    let linear = try #require(report.layers.last)
    #expect(linear.op == "linear")
    #expect(linear.macs == last * ReportFixture.classes)
    #expect(linear.parameters == last * ReportFixture.classes + ReportFixture.classes)
    #expect(report.layers.filter { $0.op != "conv2d" && $0.op != "linear" }.allSatisfy { $0.macs == 0 })

    let macs = convs.reduce(0) { $0 + $1.side * $1.side * $1.outputs * $1.inputs * 9 } + last * ReportFixture.classes
    let parameters =
      convs.reduce(0) { $0 + $1.outputs * $1.inputs * 9 + $1.outputs } + (last + 1) * ReportFixture.classes
    #expect(report.totals.macs == macs)
    #expect(report.totals.parameters == parameters)
    #expect(report.totals.weightBytes == 4 * parameters)
  }

  /// An int8 model's conv and linear rows count the same MACs as the float model's,
  /// and name their element type.
  @Test func int8LayersCountTheirMACs() throws {
    var options = PackOptions()
    options.quantization = QuantizationOptions(
      calibration: (0..<4).map { k in (0..<3 * 32 * 32).map { i in Float(sin(Double(i) * 0.7 + Double(k))) } })
    let int8 = try Packer.pack(checkpointAt: Fixtures.path("vgg/finetuned.pth.tar"), options: options)
    let float = ModelReport(model: try ReportFixture.model(), path: "float.slim")
    let report = ModelReport(model: try SlimModel(copying: int8.bytes), path: "int8.slim")
    let floatRows = float.layers.filter { $0.op == "conv2d" || $0.op == "linear" }
    let int8Rows = report.layers.filter { $0.op == "conv2dInt8" || $0.op == "linearInt8" }
    #expect(int8Rows.count == floatRows.count)
    #expect(int8Rows.map(\.macs) == floatRows.map(\.macs))
    #expect(int8Rows.allSatisfy { $0.dtype == "int8" && $0.macs > 0 })
    #expect(report.totals.macs == float.totals.macs)
    #expect(report.layers.last?.dtype == "float32", "dequantize gives float32")
  }

  @Test func baselineTotalsEqualHandFormulas() throws {
    let baseline = try #require(try ReportFixture.comparedReport().baseline)
    let convs = ReportFixture.convLayers(ReportFixture.widthsBefore)
    let last = ReportFixture.widthsBefore.last!
    // Network Slimming's convs have no bias; each BN has γ and β as parameters
    // and running mean and variance as buffers.
    let parameters =
      convs.reduce(0) { $0 + $1.outputs * $1.inputs * 9 + 2 * $1.outputs } + (last + 1) * ReportFixture.classes
    let macs = convs.reduce(0) { $0 + $1.side * $1.side * $1.outputs * $1.inputs * 9 } + last * ReportFixture.classes
    #expect(baseline.parameters == parameters)
    #expect(baseline.macs == macs)
    #expect(baseline.weightBytes == 4 * (parameters + 2 * convs.reduce(0) { $0 + $1.outputs }))
    let report = try ReportFixture.comparedReport()
    #expect(baseline.ratios.macs == Double(report.totals.macs) / Double(macs))
    #expect(baseline.ratios.parameters == Double(report.totals.parameters) / Double(parameters))
    #expect(baseline.arenaBytes == nil && baseline.ratios.arenaBytes == nil)
  }

  @Test func channelsBeforeAndAfterMatchTheManifest() throws {
    let report = try ReportFixture.comparedReport()
    let layers = try ReportFixture.pruningManifest()["layers"] as! [[String: Any]]
    let rows = report.layers.filter { $0.op == "conv2d" }
    #expect(rows.count == layers.count)
    for (row, layer) in zip(rows, layers) {
      #expect(row.channels == ChannelChange(before: layer["channels"] as! Int, after: layer["kept"] as! Int))
      #expect(row.baselineLayer == layer["conv"] as? String)
      #expect(row.fused == ["batchNorm", "bias", "relu"])
    }
    #expect(report.layers.last?.channels == ChannelChange(before: 10, after: 10))
  }

  @Test func derivedThresholdIsTheOnePruningUsed() throws {
    let pruning = try ReportFixture.pruningManifest()
    let threshold = Double(Float(pruning["threshold"] as! Double))
    let total = pruning["total_channels"] as! Int
    for percent in [nil, pruning["percent"] as? Double] {
      let gamma = try #require(try ReportFixture.comparedReport(percent: percent).gamma)
      #expect(gamma.count == total)
      #expect(gamma.bins.reduce(0) { $0 + $1.count } == total)
      #expect(gamma.threshold == threshold)
      #expect(gamma.thresholdSource == (percent == nil ? .derived : .percent))
      let kept = ReportFixture.widthsAfter.reduce(0, +)
      #expect(gamma.atOrBelowThreshold == total - kept)
    }
  }

  @Test func gammaBinsCoverEveryValueOnALogAxis() throws {
    let gamma = GammaDistribution(magnitudes: [0, 1e-7, 0.003, 0.02, 0.5, 0.5], kept: 3, percent: nil)
    #expect(gamma.bins.reduce(0) { $0 + $1.count } == 6)
    #expect(gamma.bins.first?.count == 2)  // the zero and 1e-7 share the first bin
    #expect(gamma.threshold == 0.003)
    for (a, b) in zip(gamma.bins, gamma.bins.dropFirst()) { #expect(abs(a.upper - b.lower) <= 1e-12 * b.lower) }
    #expect(GammaDistribution(magnitudes: [0.1, 0.2], kept: 2, percent: nil).threshold == nil)
  }

  @Test func memoryCurveFollowsThePlan() throws {
    let model = try ReportFixture.model()
    let report = ModelReport(model: model, path: "m")
    #expect(report.memory.count == model.operators.count)
    // Step 0 reads the 3×32×32 input and writes the first conv's 6×32×32 output.
    #expect(report.memory[0].liveBytes == 4 * (3 + 6) * 32 * 32)
    #expect(report.memory.map(\.arenaHighWaterBytes).max() == model.arenaSize)
    #expect(report.memory.allSatisfy { $0.liveBytes <= $0.arenaHighWaterBytes })
    for layer in report.layers {
      #expect(layer.arenaOffset + layer.arenaBytes <= model.arenaSize)
    }
  }

  @Test func storedWeightSharesAddUpToTheCompressedSection() throws {
    var options = PackOptions()
    options.compression = .zlib
    let bytes = try Packer.pack(checkpointAt: Fixtures.path("vgg/finetuned.pth.tar"), options: options).bytes
    let report = ModelReport(model: try SlimModel(copying: bytes), path: "z")
    let section = try #require(report.sections.first { $0.tag == "WGHT" })
    #expect(section.encoding == "zlib")
    #expect(report.totals.weightSectionBytes == section.storedBytes)
    let shares = report.layers.reduce(0) { $0 + $1.weightBytesStored }
    // Proportional to decoded bytes, rounded per layer.
    let expected = Double(report.totals.weightBytes) * Double(section.storedBytes) / Double(section.rawBytes)
    #expect(abs(Double(shares) - expected) <= Double(report.layers.count))
    #expect(report.totals.fileBytes == bytes.count)
  }

  @Test func slimBaselineGivesArenaRatios() throws {
    let trained = try Packer.pack(checkpointAt: Fixtures.path("vgg/trained.pth.tar"), options: PackOptions()).bytes
    let trainedModel = try SlimModel(copying: trained)
    var report = ModelReport(model: try ReportFixture.model(), path: "f")
    try report.compare(with: .slim(trainedModel, path: "trained.slim"))
    let baseline = try #require(report.baseline)
    #expect(baseline.kind == .slim)
    #expect(baseline.arenaBytes == trainedModel.arenaSize)
    #expect(baseline.ratios.arenaBytes == Double(report.totals.arenaBytes) / Double(trainedModel.arenaSize))
    #expect(report.gamma == nil)
    #expect(report.layers.first?.channels == ChannelChange(before: 8, after: 6))
  }

  @Test func mismatchedBaselineIsATypedError() throws {
    var report = ModelReport(model: try ReportFixture.model(), path: "f")
    let other = try ModelImporter.importCheckpoint(at: Fixtures.path("vgg/vgg16-tiny.pth.tar"))
    #expect(throws: ReportError.self) { try report.compare(with: .checkpoint(other, fileBytes: 1)) }
    #expect(throws: ReportError.invalidPercent(1.5)) {
      try report.compare(with: try ReportFixture.baseline(), percent: 1.5)
    }
  }
}
