import SlimCompiler
import Testing

@Test func zerosTensorHasShapeAndCount() {
  let t = Tensor(zeros: [2, 3])
  #expect(t.count == 6)
  #expect(t.rank == 2)
}
