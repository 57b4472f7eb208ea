import Foundation
import Testing

@testable import SlimCompiler

@Suite struct InputDecoderTests {
  func decoder() throws -> InputDecoder {
    let (mean, std) = try Fixtures.normalization()
    return InputDecoder(inputShape: [1, 3, 32, 32], mean: mean, std: std)
  }

  @Test(arguments: 0..<8)
  func rawFormsAgree(index: Int) throws {
    let decoder = try decoder()
    let f32 = try decoder.decode(Fixtures.bytes("vgg/inputs/digit-\(index).f32"), format: .auto, pathExtension: "f32")
    let u8 = try decoder.decode(Fixtures.bytes("vgg/inputs/digit-\(index).u8"), format: .auto, pathExtension: "u8")
    // Both forms were written by the generator from the same pixels with float32 arithmetic.
    #expect(f32 == u8)
    let batch = try decoder.decode(Fixtures.bytes("vgg/inputs/batch.npy"), format: .auto, pathExtension: "npy")
    #expect(batch.count == 8)
    #expect(batch[index] == f32[0])
  }

  @Test func wrongSizeIsAClearError() throws {
    let decoder = try decoder()
    #expect(throws: InputDecoder.Failure.sizeMismatch(bytes: 100, float32Bytes: 12288, uint8Bytes: 3072)) {
      try decoder.decode([UInt8](repeating: 0, count: 100), format: .auto, pathExtension: "bin")
    }
    #expect(throws: InputDecoder.Failure.self) {
      try decoder.decode([UInt8](repeating: 0, count: 3072), format: .f32, pathExtension: "bin")
    }
    let wrongShape = NpyArray(shape: [3, 16, 16], values: [Float](repeating: 0, count: 768)).serialized()
    #expect(throws: InputDecoder.Failure.npyShape(shape: [3, 16, 16], expected: [3, 32, 32])) {
      try decoder.decode(wrongShape, format: .auto, pathExtension: "npy")
    }
  }

  /// A pixel-input model takes the uint8 forms as they are and refuses float forms.
  @Test func pixelModelsTakePixelsOnly() throws {
    let decoder = InputDecoder(pixelInputShape: [1, 32, 32, 3])
    #expect((decoder.channels, decoder.height, decoder.width) == (3, 32, 32))
    let raw = try Fixtures.bytes("vgg/inputs/digit-2.u8")
    #expect(try decoder.decodePixels(raw, format: .auto, pathExtension: "u8") == [raw])
    #expect(try decoder.decodePixels(raw, format: .u8, pathExtension: "bin") == [raw])
    // The float32 decoder normalizes those same pixels; the pixel decoder never does.
    let float = try self.decoder().decode(raw, format: .u8, pathExtension: "u8")[0]
    #expect(float != raw.map(Float.init))

    let batch = NpyArray(shape: [2, 32, 32, 3], values: (raw + raw.reversed()).map(Float.init), dtype: .uint8)
    #expect(try decoder.decodePixels(batch.serialized(), format: .auto, pathExtension: "npy") == [raw, raw.reversed()])

    guard case .pixelsNeeded = decodePixelsError(decoder, try Fixtures.bytes("vgg/inputs/digit-2.f32")) else {
      Issue.record("raw float32 was accepted as pixels")
      return
    }
    guard case .pixelsNeeded = decodePixelsError(decoder, try Fixtures.bytes("vgg/inputs/batch.npy"), ext: "npy")
    else {
      Issue.record("a float .npy was accepted as pixels")
      return
    }
    #expect(
      decodePixelsError(decoder, [UInt8](repeating: 0, count: 100))
        == .pixelSizeMismatch(bytes: 100, uint8Bytes: 3072))
    #expect(
      decodePixelsError(
        decoder, NpyArray(shape: [3, 32, 32], values: [Float](repeating: 0, count: 3072), dtype: .uint8).serialized(),
        ext: "npy")
        == .npyShape(shape: [3, 32, 32], expected: [32, 32, 3]))
    #expect(decodePixelsError(decoder, raw, format: .f32)?.description.contains("uint8 HWC pixels are needed") == true)
  }

  func decodePixelsError(
    _ decoder: InputDecoder, _ bytes: [UInt8], ext: String = "bin", format: InputDecoder.Format = .auto
  ) -> InputDecoder.Failure? {
    do {
      _ = try decoder.decodePixels(bytes, format: format, pathExtension: ext)
      return nil
    } catch { return error }
  }
}
