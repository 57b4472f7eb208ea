import ArgumentParser
import Foundation
import SlimCommandLine
import SlimCompiler
import SlimRuntime

@main
struct SlimReport: FailingCommand {
  static let configuration = CommandConfiguration(
    commandName: "slim-report",
    abstract: "Report the size, cost and memory of a .slim model, per layer and in total.",
    discussion: """
      Prints an aligned table (colour only on a terminal). With --baseline, compares with the \
      unpruned checkpoint (channels per layer before and after, BatchNorm gamma and the pruning \
      threshold) or with another .slim file. With --measure, times each operator on this machine. \
      --json and --html write the same report as a JSON document (Formats/report-schema.json) or \
      a self-contained HTML page with charts.
      """,
    version: Packer.version)

  @Argument(help: "The .slim model.")
  var model: String

  @Option(help: "A checkpoint (.pth, .pth.tar, .pt, .ckpt) or another .slim file to compare with.")
  var baseline: String?

  @Option(help: "Model family of a checkpoint baseline; detected from the keys when omitted.")
  var arch: Architecture?

  @Option(
    help:
      "Pruning percent (0 ..< 1) that gives the gamma threshold as vggprune.py does; derived from the kept widths when omitted."
  )
  var percent: Double?

  @Flag(help: "Time loading, whole runs and each operator on this machine (medians).")
  var measure = false

  @Option(help: "Timed runs with --measure.")
  var runs = 30

  @Option(help: "Threads of the measured session with --measure.")
  var threads = 1

  @Option(help: "Write the report as JSON to this file.")
  var json: String?

  @Option(help: "Write the report as a self-contained HTML page to this file.")
  var html: String?

  @Flag(name: .shortAndLong, help: "Do not print the table.")
  var quiet = false

  func validate() throws {
    if let percent, !(0..<1).contains(percent) {
      throw ValidationError("--percent must be in [0, 1), got \(percent)")
    }
    if runs < 1 { throw ValidationError("--runs must be at least 1") }
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
    if percent != nil && baseline == nil { throw ValidationError("--percent needs --baseline (a checkpoint)") }
  }

  func run() throws {
    let loaded = try Self.load(model)
    var report = ModelReport(model: loaded, path: model)
    if let baseline {
      do { try report.compare(with: try loadBaseline(baseline), percent: percent) } catch let error as ReportError {
        throw CommandFailure(message: "\(error)", status: .badInput)
      }
    }
    if measure {
      var profiler = ReportProfiler()
      profiler.timedRuns = runs
      profiler.threads = threads
      let progress = ProgressBar(title: "measuring", total: profiler.workCount)
      defer { progress.finish() }
      do { try profiler.measure(&report, model: loaded, path: model) { progress.update(completed: $0) } } catch {
        throw CommandFailure(message: "cannot run '\(model)': \(error)", status: .badInput)
      }
    }
    let protected = [model] + (baseline.map { [$0] } ?? [])
    if let json {
      let data: Data
      do { data = try report.jsonData() } catch {
        throw CommandFailure(message: "cannot encode the report: \(error)", status: .software)
      }
      try Self.write(Array(data) + [0x0A], to: json, protecting: protected)
    }
    if let html { try Self.write(Array(ReportHTMLRenderer().render(report).utf8), to: html, protecting: protected) }
    if !quiet {
      let colour = Terminal.standardOutputIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      print(ReportTextRenderer(colour: colour).render(report))
    }
  }

  static func load(_ path: String) throws -> SlimModel {
    do { return try SlimModel(contentsOfFile: path) } catch {
      if case .fileOpenFailed = error {
        throw CommandFailure(message: "cannot open '\(path)': \(error)", status: .cannotOpen)
      }
      throw CommandFailure(message: "cannot load '\(path)': \(error)", status: .badInput)
    }
  }

  /// A `.slim` file (told by its magic bytes) or a checkpoint.
  func loadBaseline(_ path: String) throws -> ReportBaselineSource {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CommandFailure(message: "cannot open the baseline '\(path)'", status: .cannotOpen)
    }
    let magic = (try? handle.read(upToCount: 4)) ?? Data()
    try? handle.close()
    if magic == Data("SLIM".utf8) { return .slim(try Self.load(path), path: path) }
    let imported: ImportedModel
    do { imported = try ModelImporter.importCheckpoint(at: path, architecture: arch) } catch {
      if case .checkpoint(let reading) = error, reading.isFileAccessProblem {
        throw CommandFailure(message: "cannot open the baseline '\(path)': \(error)", status: .cannotOpen)
      }
      throw CommandFailure(message: "baseline '\(path)': \(error)", status: .badInput)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    return .checkpoint(imported, fileBytes: size)
  }

  static func write(_ bytes: [UInt8], to path: String, protecting inputs: [String]) throws {
    do { try AtomicFile.write(bytes, to: path, protecting: inputs) } catch {
      throw CommandFailure(message: "\(error)", status: .cannotWrite)
    }
  }
}
