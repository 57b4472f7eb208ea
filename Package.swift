// swift-tools-version:6.1
import Foundation
import PackageDescription

// `SLIM_NATIVE=1 swift build -c release` compiles SlimRuntime for the build machine's CPU
// (AVX2/AVX-512/FMA on x86_64) and turns on fused multiply-add in the kernels; the
// result may not run on other CPUs. The default build stays portable. Where the build
// machine has AVX-512 (Linux: `avx512f` in /proc/cpuinfo), `SLIM_AVX512` also gives
// the fp32 kernels their AVX-512 shapes (16-lane pixel vectors, two vectors per
// micro-kernel call, 16-lane depthwise rows), which need its 32 vector registers.
let nativeBuild = Context.environment["SLIM_NATIVE"] == "1"
func hostHas(_ flag: String) -> Bool {
  (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
    .contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains(Substring(flag)) } ?? false
}
/// The value of the first `/proc/cpuinfo` line named `field` ("vendor_id", "cpu family").
func hostCPU(_ field: String) -> String? {
  guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
  for line in info.split(separator: "\n") {
    let parts = line.split(separator: ":", maxSplits: 1)
    if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == field {
      return parts[1].trimmingCharacters(in: .whitespaces)
    }
  }
  return nil
}
// With AVX-512 VNNI as well (`avx512_vnni` and `avx512vl`), `SLIM_VNNI` gives the int8
// convolution `vpdpbusd` (four byte multiply-adds per 32-bit lane), which Swift's SIMD
// operations cannot express: it is called through the compiler's `Builtin` module.
// On AMD's Zen 4 (`AuthenticAMD`, CPU family 25, the only one of that family with
// AVX-512), which runs each 512-bit operation as two 256-bit halves, `SLIM_AVX512_HALVES`
// tells the kernels that a core completes half as many 512-bit multiply-adds per cycle as
// an Intel server core with two 512-bit ports, so trading multiply-adds for transforms
// (Winograd on 8x8 planes) pays there.
// Every native build also defines `SLIM_PREFETCH`: the kernels that stream weights
// from memory issue software prefetches, through the same `Builtin` module.
let nativeRuntimeSettings: [SwiftSetting] =
  nativeBuild
  ? [
    .unsafeFlags(["-target-cpu", "native", "-Xcc", "-march=native"]), .define("SLIM_FMA"), .define("SLIM_PREFETCH"),
    .enableExperimentalFeature("BuiltinModule"),
  ]
    + (hostHas("avx512f") ? [.define("SLIM_AVX512")] : [])
    + (hostHas("avx512f") && hostCPU("vendor_id") == "AuthenticAMD" && hostCPU("cpu family") == "25"
      ? [.define("SLIM_AVX512_HALVES")] : [])
    + (hostHas("avx512_vnni") && hostHas("avx512vl")
      ? [.define("SLIM_VNNI")] : []) : []

// Data flow: SlimCompiler (import → graph → passes → writer, Foundation allowed)
// produces `.slim` files; SlimRuntime (standard library only, zlib optional)
// reads, plans and executes them. The executables are thin command-line fronts.
let package = Package(
  name: "slim",
  products: [
    .library(name: "SlimRuntime", targets: ["SlimRuntime"]),
    .library(name: "SlimCompiler", targets: ["SlimCompiler"]),
    .library(name: "SlimRuntimeC", targets: ["SlimRuntimeC"]),
    .executable(name: "slim-pack", targets: ["slim-pack"]),
    .executable(name: "slim-run", targets: ["slim-run"]),
    .executable(name: "slim-report", targets: ["slim-report"]),
    .executable(name: "slim-prune", targets: ["slim-prune"]),
  ],
  traits: [
    .trait(
      name: "Zlib",
      description: "Let SlimRuntime inflate zlib-compressed sections (links the system zlib)."),
    .default(enabledTraits: ["Zlib"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // ONNX reading (SlimCompiler only; the runtime never sees protobuf).
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CZlib",
      path: "Sources/CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .target(
      name: "SlimRuntime",
      dependencies: [.target(name: "CZlib", condition: .when(traits: ["Zlib"]))],
      swiftSettings: nativeRuntimeSettings),
    // The C interface (`include/slim.h`, `@_cdecl` over SlimRuntime) for firmware;
    // Tools/firmware builds it as Embedded Swift, this target keeps it compiling on the host.
    .target(name: "SlimRuntimeC", dependencies: ["SlimRuntime"], exclude: ["include"]),
    .target(
      name: "SlimCompiler",
      dependencies: [
        "SlimRuntime", "CZlib",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["Import/ONNX/onnx.proto"]),
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
      name: "slim-report",
      dependencies: ["SlimCommandLine", "SlimCompiler", "SlimRuntime"]),
    .executableTarget(
      name: "slim-prune",
      dependencies: ["SlimCommandLine", "SlimCompiler"]),
    .testTarget(name: "SlimRuntimeTests", dependencies: ["SlimRuntime"]),
    // The executables are dependencies so that `swift test` builds them for the command-line tests.
    .testTarget(
      name: "SlimCompilerTests",
      dependencies: [
        "SlimCompiler", "SlimRuntime", "SlimCommandLine", "slim-pack", "slim-run", "slim-report", "slim-prune",
      ]),
  ]
)
