import SlimRuntime
import Testing

@Test func formatVersionIsOne() {
  #expect(SlimFormatVersion.major == 1)
}
