import ArgumentParser

@main
struct SlimRun: ParsableCommand {
  func run() throws {}
}
