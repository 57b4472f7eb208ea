import Foundation
import SlimRuntime
import Testing

@testable import SlimCompiler

/// Every truncation and single-byte change of a real packed model (the fine-tuned
/// VGG fixture) either loads and runs, giving the original output when the byte is
/// one the spec says readers ignore, or fails with a typed `SlimError`; never a
/// crash. `Tools/sweep-asan.sh` runs this suite under AddressSanitizer with every
/// byte value (`SLIM_SWEEP=exhaustive`); by default each structural byte gets a
/// fixed set of replacement values (one, `^ 0xFF`, behind repaired CRCs) so the
/// suite stays fast.
@Suite struct SlimCorruptionSweepTests {
  struct Subject {
    let bytes: [UInt8]
    let layout: SlimFileLayout
    let input: [Float]
    let output: [Float]

    init() throws {
      var options = PackOptions()
      options.mean = [0.5, 0.5, 0.5]
      options.std = [0.25, 0.25, 0.25]
      options.labels = (0..<10).map { "digit \($0)" }
      bytes = try Packer.pack(checkpointAt: Fixtures.path("vgg/finetuned.pth.tar"), options: options).bytes
      layout = SlimFileLayout(bytes)
      input = try Fixtures.goldenInputs()[3]
      output = try Self.outcome(bytes, input: input).get()
    }

    /// Loads `bytes` in place and runs `input`; the typed error if either fails.
    static func outcome(_ bytes: [UInt8], input: [Float]) -> Result<[Float], SlimError> {
      bytes.withUnsafeBytes { raw in
        Result { () throws(SlimError) -> [Float] in
          try RuntimeProbe.run(SlimModel(borrowing: raw), inputs: [input])[0]
        }
      }
    }

    /// The header, section table and every section except the weights.
    var structuralBytes: [Int] {
      let tableEnd = 64 + 48 * layout.sections.count
      return Array(0..<tableEnd)
        + layout.sections.filter { $0.tag != SlimFormat.weightsTag }.flatMap { Array($0.range) }
    }

    var weightsRange: Range<Int> { layout.sections.first { $0.tag == SlimFormat.weightsTag }!.range }
  }

  static var exhaustive: Bool { ProcessInfo.processInfo.environment["SLIM_SWEEP"] == "exhaustive" }

  /// The replacements tried for `original`: all 255 in exhaustive mode, else bit
  /// flips at both ends, the extremes, ±1 and a deterministic pseudo-random value.
  static func replacements(for original: UInt8, at position: Int) -> [UInt8] {
    if exhaustive { return (0...255).map(UInt8.init).filter { $0 != original } }
    let candidates: [UInt8] = [
      original ^ 0x01, original ^ 0x80, original ^ 0xFF, 0x00, 0xFF, original &+ 1, original &- 1,
      UInt8(truncatingIfNeeded: position &* 0x9E37_79B1 >> 7),
    ]
    return Array(Set(candidates.filter { $0 != original })).sorted()
  }

  @Test func everyTruncationThrows() throws {
    let subject = try Subject()
    for length in 0..<subject.bytes.count {
      let result = Array(subject.bytes[..<length]).withUnsafeBytes { raw in
        Result { () throws(SlimError) in try SlimModel(borrowing: raw) }
      }
      guard case .success = result else { continue }
      Issue.record("a file cut to \(length) of \(subject.bytes.count) bytes loaded")
    }
  }

  /// Without repairing the CRCs, any change to a checked byte must be caught; only
  /// the header's reserved bytes and the padding between sections load, unchanged.
  @Test func everyStructuralByteChangeIsCaughtByTheChecksums() throws {
    let subject = try Subject()
    var damaged = subject.bytes
    for position in subject.structuralBytes + subject.layout.gaps.sorted() {
      let original = subject.bytes[position]
      let ignorable = (44..<64).contains(position) || subject.layout.gaps.contains(position)
      for value in Self.replacements(for: original, at: position) {
        damaged[position] = value
        let result = Subject.outcome(damaged, input: subject.input)
        switch result {
        case .success(let output) where ignorable:
          #expect(output == subject.output, "byte \(position) = \(value) changed the output")
        case .success: Issue.record("byte \(position) changed to \(value) was not caught by a CRC")
        case .failure where ignorable: Issue.record("ignored byte \(position) = \(value): \(result)")
        case .failure: break
        }
      }
      damaged[position] = original
    }
  }

  /// With the CRCs repaired, each change reaches the parsers and validation.
  @Test func everyStructuralByteChangeBehindTheChecksumsLoadsOrThrows() throws {
    let subject = try Subject()
    var loaded = 0
    var rejected = 0
    for position in subject.structuralBytes {
      let original = subject.bytes[position]
      // Each load here checks the whole weights CRC and runs the model, so the
      // default run flips every bit of each byte once; exhaustive tries all values.
      for value in Self.exhaustive ? Self.replacements(for: original, at: position) : [original ^ 0xFF] {
        var damaged = subject.bytes
        damaged[position] = value
        SlimChecksums.repair(&damaged)
        switch Subject.outcome(damaged, input: subject.input) {
        case .success(let output):
          loaded += 1
          if subject.layout.ignored.contains(position) {
            #expect(output == subject.output, "reserved byte \(position) = \(value) changed the output")
          }
        case .failure(let error):
          rejected += 1
          #expect(!subject.layout.ignored.contains(position), "reserved byte \(position) = \(value): \(error)")
          #expect(!error.description.isEmpty)
        }
      }
    }
    #expect(loaded > 0 && rejected > 0)
  }

  /// Weights are data: a sampled set of changes must be caught by the CRC, and
  /// with the CRC repaired must load and run.
  @Test func sampledWeightChangesAreCaughtOrRun() throws {
    let subject = try Subject()
    let range = subject.weightsRange
    let stride = max(1, range.count / (Self.exhaustive ? 4096 : 256))
    for position in Swift.stride(from: range.lowerBound, to: range.upperBound, by: stride) {
      var damaged = subject.bytes
      damaged[position] ^= 0xA5
      guard
        case .failure(.checksumMismatch(section: SlimFormat.weightsTag)) = Subject.outcome(
          damaged, input: subject.input)
      else {
        Issue.record("weight byte \(position) changed without a checksum error")
        continue
      }
      SlimChecksums.repair(&damaged)
      let result = Subject.outcome(damaged, input: subject.input)
      guard case .success = result else {
        Issue.record("weight byte \(position) with a valid CRC: \(result)")
        continue
      }
    }
  }

  /// Found by this sweep: a plan declaring a 512 GiB arena made `SlimSession`
  /// trap in its allocation. The arena is now capped at load.
  @Test func arenaLargerThanTheActivationsIsRejected() throws {
    let subject = try Subject()
    let plan = subject.layout.sections.first { $0.tag == SlimFormat.planTag }!.range.lowerBound
    for size: UInt64 in [1 << 39, UInt64(SlimFormat.maxSectionSize) + 64, UInt64.max] {
      var damaged = subject.bytes
      for i in 0..<8 { damaged[plan + i] = UInt8(truncatingIfNeeded: size >> (8 * i)) }
      SlimChecksums.repair(&damaged)
      guard case .failure(.invalidPlan(.arenaSize(size))) = Subject.outcome(damaged, input: subject.input) else {
        Issue.record("arena size \(size) was not rejected")
        continue
      }
    }
  }
}
