// swift-tools-version:6.1
import PackageDescription

// Data flow: SlimCompiler (import → graph → passes → writer, Foundation allowed)
// produces `.slim` files; SlimRuntime (standard library only, zlib optional)
// reads, plans and executes them. The executables are thin command-line fronts.
let package = Package(
  name: "slim",
  products: [
    .library(name: "SlimRuntime", targets: ["SlimRuntime"]),
    .library(name: "SlimCompiler", targets: ["SlimCompiler"]),
    .executable(name: "slim-pack", targets: ["slim-pack"]),
    .executable(name: "slim-run", targets: ["slim-run"]),
    .executable(name: "slim-prune", targets: ["slim-prune"]),
  ],
  traits: [
    .trait(
      name: "Zlib",
      description: "Let SlimRuntime inflate zlib-compressed sections (links the system zlib)."),
    .default(enabledTraits: ["Zlib"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CZlib",
      path: "Sources/CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .target(
      name: "SlimRuntime",
      dependencies: [.target(name: "CZlib", condition: .when(traits: ["Zlib"]))]),
    .target(
      name: "SlimCompiler",
      dependencies: ["SlimRuntime", "CZlib"]),
    // What the command-line tools share: argument types, exit handling, formatting.
    .target(
      name: "SlimCommandLine",
      dependencies: [
        "SlimCompiler",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "slim-pack",
      dependencies: ["SlimCommandLine", "SlimCompiler", "SlimRuntime"]),
    .executableTarget(
      name: "slim-run",
      dependencies: ["SlimCommandLine", "SlimCompiler", "SlimRuntime"]),
    .executableTarget(
      name: "slim-prune",
      dependencies: ["SlimCommandLine", "SlimCompiler"]),
    .testTarget(name: "SlimRuntimeTests", dependencies: ["SlimRuntime"]),
    // The executables are dependencies so that `swift test` builds them for the command-line tests.
    .testTarget(
      name: "SlimCompilerTests",
      dependencies: ["SlimCompiler", "SlimRuntime", "slim-pack", "slim-run", "slim-prune"]),
  ]
)
