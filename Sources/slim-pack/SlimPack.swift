import ArgumentParser

@main
struct SlimPack: ParsableCommand {
  func run() throws {}
}
