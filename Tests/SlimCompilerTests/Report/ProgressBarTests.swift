import SlimCommandLine
import Testing

@Suite struct ProgressBarTests {
  @Test func lineShowsTheFractionDone() {
    #expect(ProgressBar.line(title: "measuring", completed: 0, total: 4, width: 8) == "measuring [........] 0% (0/4)")
    #expect(ProgressBar.line(title: "measuring", completed: 1, total: 4, width: 8) == "measuring [##......] 25% (1/4)")
    #expect(ProgressBar.line(title: "x", completed: 4, total: 4, width: 4) == "x [####] 100% (4/4)")
    #expect(ProgressBar.line(title: "x", completed: 0, total: 0, width: 2) == "x [##] 100% (0/0)")
  }

  @Test func progressIsClampedToTheTotal() {
    let bar = ProgressBar(title: "t", total: 3, enabled: false)
    bar.advance(by: 5)
    #expect(bar.completed == 3)
    bar.update(completed: -1)
    #expect(bar.completed == 0)
    bar.finish()
  }
}
