import Testing

@testable import SlimCompiler
@testable import SlimRuntime

/// `quantizePixels` (opcode 30): the runtime kernel against the int8 reference engine,
/// bit for bit, and the table `slim-pack` builds against the float path it replaces.
@Suite struct PixelInputKernelTests {
  /// A random table and random HWC pixels whose every channel also holds 0 and 255 (one of
  /// them for a one-pixel image).
  @Test(arguments: 0..<40)
  func kernelEqualsTheReference(seed: Int) {
    var random = Int8KernelTests.Random(state: UInt64(seed) &* 104_729 &+ 3)
    let (height, width, channels) = (random.int(1...9), random.int(1...9), random.int(1...5))
    let spatial = height * width
    let table = PixelTable(channels: channels, entries: random.int8s(channels * PixelTable.width))
    var pixels = (0..<spatial * channels).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    for c in 0..<channels {
      pixels[c] = spatial > 1 || seed % 2 == 0 ? 0 : 255
      if spatial > 1 { pixels[(spatial - 1) * channels + c] = 255 }
    }
    let expected = Int8ReferenceEngine.quantizePixels(pixels, shape: [1, height, width, channels], table)
    var output = [Int8](repeating: 0, count: expected.count)
    pixels.withUnsafeBytes { x in
      table.entries.withUnsafeBytes { t in
        output.withUnsafeMutableBytes {
          QuantizePixels.run(
            channels: channels, spatial: spatial, table: t.baseAddress!, input: x.baseAddress!,
            output: $0.baseAddress!)
        }
      }
    }
    #expect(output == expected, "\(height)×\(width)×\(channels)")
    // The layouts: channel c's plane starts at c·H·W and reads the table's row c.
    for c in 0..<channels {
      #expect(output[c * spatial] == table[c, pixels[c]])
      #expect(output[c * spatial + spatial - 1] == table[c, pixels[(spatial - 1) * channels + c]])
    }
  }

  /// Every pixel of a full-range image, so each entry of the table is read.
  @Test func everyEntryIsReachable() {
    let channels = 3, spatial = 256
    let pixels = ProbeInput.pixelSweep(spatial: spatial, channels: channels)
    for c in 0..<channels {
      let seen = Set((0..<spatial).map { pixels[$0 * channels + c] })
      #expect(seen.count == 256, "channel \(c) sees \(seen.count) pixel values")
    }
  }

  static let preprocessings: [PixelPreprocessing] = [
    // The fixtures' statistics (manifest.json), and channels that differ.
    PixelPreprocessing(
      mean: [0.305_433_7, 0.305_433_7, 0.305_433_7], std: [0.375_957_16, 0.375_957_16, 0.375_957_16]),
    PixelPreprocessing(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]),
    // Identity normalization, and a channel with a tiny std that saturates most pixels.
    PixelPreprocessing(mean: [0, 0.5], std: [1, 0.01]),
  ]

  static let parameters: [QuantizationParameters] = [
    .asymmetric(low: -0.812_4, high: 1.847_2), .asymmetric(low: -2.1, high: 2.6), .asymmetric(low: 0, high: 1),
    // Narrower than the pixels' range: both ends clamp.
    QuantizationParameters(scale: 0.002, zeroPoint: -7),
  ]

  /// The rule of Formats/slim-v1.md, written out here from scratch in float32:
  /// `clamp(roundHalfAway(((p/255 − mean) / std) / scale) + zeroPoint, −128, 127)`.
  static func independent(_ p: Int, channel c: Int, _ pre: PixelPreprocessing, _ q: QuantizationParameters) -> Int8 {
    let pixel = Float(p)
    let normalized: Float = (pixel / Float(255) - pre.mean[c]) / pre.std[c]
    let quotient: Float = normalized / q.scale
    let rounded = quotient.rounded(.toNearestOrAwayFromZero)
    let shifted = Int(rounded) + Int(q.zeroPoint)
    return Int8(min(max(shifted, -128), 127))
  }

  @Test(arguments: preprocessings, parameters)
  func tableFollowsTheFloatRule(preprocessing: PixelPreprocessing, input: QuantizationParameters) {
    let table = PixelTable(preprocessing, input: input)
    #expect(table.channels == preprocessing.mean.count)
    #expect(table.entries.count == table.channels * 256)
    var clamped = 0
    for c in 0..<table.channels {
      for p in 0...255 {
        #expect(table[c, UInt8(p)] == Self.independent(p, channel: c, preprocessing, input), "c \(c) p \(p)")
        if table[c, UInt8(p)] == -128 || table[c, UInt8(p)] == 127 { clamped += 1 }
      }
    }
    if input.scale == 0.002 { #expect(clamped > 0, "the narrow range should clamp some pixels") }
  }

  /// The table equals what a float32-input int8 model does on the device: the host's
  /// `InputDecoder` normalizes the pixels, then the runtime's `quantize` kernel.
  @Test(arguments: preprocessings, parameters)
  func tableEqualsTheRuntimeFloatPath(preprocessing: PixelPreprocessing, input: QuantizationParameters) {
    let channels = preprocessing.mean.count
    let pixels = ProbeInput.pixelSweep(spatial: 256, channels: channels)
    let decoder = InputDecoder(inputShape: [1, channels, 16, 16], mean: preprocessing.mean, std: preprocessing.std)
    let normalized = decoder.normalize(pixels: pixels.map(Float.init))
    var floatPath = [Int8](repeating: 0, count: normalized.count)
    normalized.withUnsafeBufferPointer { x in
      floatPath.withUnsafeMutableBytes {
        QuantizeInt8.quantize(
          count: normalized.count, scale: input.scale, zeroPoint: input.zeroPoint, input: x.baseAddress!,
          output: $0.baseAddress!)
      }
    }
    let table = PixelTable(preprocessing, input: input)
    #expect(Int8ReferenceEngine.quantizePixels(pixels, shape: [1, 16, 16, channels], table) == floatPath)
  }
}
