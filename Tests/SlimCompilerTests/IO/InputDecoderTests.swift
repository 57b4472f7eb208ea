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
}
