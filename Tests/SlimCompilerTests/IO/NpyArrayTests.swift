import Testing

@testable import SlimCompiler

@Suite struct NpyArrayTests {
  @Test func readsNumPyWrittenFixture() throws {
    let batch = try Fixtures.npy("vgg/inputs/batch.npy")
    #expect(batch.shape == [8, 3, 32, 32])
    #expect(batch.dtype == .float32)
    let labels = try Fixtures.npy("vgg/inputs/labels.npy")
    #expect(labels.dtype == .int64)
    #expect(labels.values.map { Int($0) } == [7, 6, 3, 7, 7, 3, 2, 8])
  }

  @Test func roundTripsThroughSerialization() throws {
    let array = NpyArray(shape: [2, 3], values: [1, -2, 3.5, .infinity, 0, -0.25])
    let bytes = array.serialized()
    #expect((bytes.count - 6 * 4) % 64 == 0)
    #expect(try NpyArray(bytes: bytes) == array)
  }

  @Test func rejectsBrokenFiles() {
    let good = NpyArray(shape: [4], values: [1, 2, 3, 4]).serialized()
    #expect(throws: NpyError.notNpy) { try NpyArray(bytes: Array("not numpy".utf8)) }
    #expect(throws: NpyError.dataSizeMismatch(expected: 16, actual: 12)) {
      try NpyArray(bytes: Array(good.dropLast(4)))
    }
    for length in 0..<good.count {
      #expect(throws: NpyError.self) { try NpyArray(bytes: Array(good.prefix(length))) }
    }
  }

  @Test(arguments: [
    "{'descr': '>f4', 'fortran_order': False, 'shape': (4,), }",
    "{'descr': '<f4', 'fortran_order': True, 'shape': (4,), }",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (-4,), }",
    "{'descr': '<f4', 'fortran_order': False}",
    "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1}",
    "[1, 2, 3]",
  ])
  func rejectsHostileHeaders(header: String) {
    let padded = header + "\n"
    var bytes = NpyArray.magic + [1, 0, UInt8(padded.utf8.count & 0xFF), UInt8(padded.utf8.count >> 8)]
    bytes += Array(padded.utf8) + [UInt8](repeating: 0, count: 16)
    #expect(throws: NpyError.self) { try NpyArray(bytes: bytes) }
  }
}
