import ArgumentParser
import Foundation
import SlimCommandLine
import SlimCompiler
import SlimRuntime

@main
struct SlimRun: FailingCommand {
  static let configuration = CommandConfiguration(
    commandName: "slim-run",
    abstract: "Run a .slim model on an input and print the top classes.",
    discussion: """
      INPUT is raw float32 NCHW (already normalized), raw uint8 HWC pixels (normalized with \
      the model's stored mean/std), or a .npy array (float [N,]C,H,W or uint8 [N,]H,W,C). \
      Raw forms are told apart by their size; --format forces one. A model packed with \
      --int8 --input uint8 takes the uint8 forms only, as they are (it normalizes inside), \
      and refuses float input.
      """,
    version: Packer.version)

  @Argument(help: "The .slim model.")
  var model: String

  @Argument(help: "The input file (optional with --bench: a fixed pseudo-random input is used).")
  var input: String?

  @Option(help: "Input format: auto, f32, u8 or npy.")
  var format: InputDecoder.Format = .auto

  @Option(help: "How many classes to print per sample.")
  var top = 5

  @Option(help: "Write the raw outputs to this .npy file ([N, outputs], float32).")
  var output: String?

  @Option(help: "Time N runs (batch 1) and print median/min/p90 latency, load time and arena size.")
  var bench: Int?

  @Option(help: "Threads per session (used by --bench; 1 = the caller's thread only).")
  var threads = 1

  @Option(help: "Untimed runs before the --bench runs.")
  var warmup = 10

  @Flag(
    help: ArgumentHelp(
      "Skip the CRC-32 of the weight sections when opening the model (structural checks stay).",
      discussion:
        "For models already verified when they were copied to this machine; the CRC is the one load cost that grows with the weights."
    ))
  var skipWeightChecksums = false

  func run() throws {
    guard top >= 1 else { throw CommandFailure(message: "--top must be at least 1", status: .usage) }
    guard threads >= 1, warmup >= 0, (bench ?? 1) >= 1 else {
      throw CommandFailure(message: "--bench and --threads must be at least 1, --warmup at least 0", status: .usage)
    }
    if let bench {
      try runBenchmark(runs: bench)
      return
    }
    guard let input else { throw CommandFailure(message: "missing the INPUT argument", status: .usage) }
    let loaded: SlimModel
    do { loaded = try SlimModel(contentsOfFile: model, verifyingWeights: !skipWeightChecksums) } catch {
      // A file that cannot be opened is not a malformed model: say so with its own exit code.
      if case .fileOpenFailed = error {
        throw CommandFailure(message: "cannot open the model '\(model)': \(error); check the path", status: .cannotOpen)
      }
      throw CommandFailure(
        message: "cannot load '\(model)': \(error); re-pack it with slim-pack", status: .badInput)
    }
    guard let bytes = FileManager.default.contents(atPath: input) else {
      throw CommandFailure(message: "cannot read the input file '\(input)'", status: .cannotOpen)
    }
    let samples: ModelInput
    do {
      samples = try ModelInput.decode(
        Array(bytes), for: loaded, format: format, pathExtension: URL(fileURLWithPath: input).pathExtension)
    } catch {
      throw CommandFailure(message: "input '\(input)': \(error)", status: .badInput)
    }
    let outputs: [[Float]]
    do { outputs = try samples.run(on: loaded) } catch {
      throw CommandFailure(message: "inference failed: \(error)", status: .badInput)
    }
    let labels = loaded.metadata.string("labels")?.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    for (index, logits) in outputs.enumerated() {
      if outputs.count > 1 { print("sample \(index)") }
      print(TopClasses(logits: logits, labels: labels, count: top).text)
    }
    if let output {
      let array = NpyArray(shape: [outputs.count, outputs.first?.count ?? 0], values: outputs.flatMap { $0 })
      do { try AtomicFile.write(array.serialized(), to: output, protecting: [model, input]) } catch {
        throw CommandFailure(message: "\(error)", status: .cannotWrite)
      }
    }
  }
}

extension SlimRun {
  func runBenchmark(runs: Int) throws {
    var sample: ModelInput?
    if let input {
      let loaded: SlimModel
      do { loaded = try SlimModel(contentsOfFile: model, verifyingWeights: !skipWeightChecksums) } catch {
        throw CommandFailure(message: "cannot load '\(model)': \(error)", status: .badInput)
      }
      guard let bytes = FileManager.default.contents(atPath: input) else {
        throw CommandFailure(message: "cannot read the input file '\(input)'", status: .cannotOpen)
      }
      do {
        sample = try ModelInput.decode(
          Array(bytes), for: loaded, format: format, pathExtension: URL(fileURLWithPath: input).pathExtension
        ).first
      } catch {
        throw CommandFailure(message: "input '\(input)': \(error)", status: .badInput)
      }
    }
    let benchmark = Benchmark(
      modelPath: model, runs: runs, warmup: warmup, threads: threads, verifyingWeights: !skipWeightChecksums)
    let lines: [String]
    do { lines = try benchmark.run(input: sample) } catch let failure as CommandFailure { throw failure } catch {
      throw CommandFailure(message: "cannot load '\(model)': \(error)", status: .badInput)
    }
    for line in lines { print(line) }
  }
}
