import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (so logs and
/// pipes stay clean).
struct ProgressBar: Sendable {
  let label: String
  let isTerminal = isatty(STDERR_FILENO) != 0

  /// Redraws the bar for `done` of `total`; ends the line when done.
  func update(_ done: Int, _ total: Int) {
    guard isTerminal, total > 0 else { return }
    let width = 30
    let filled = width * done / total
    let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
    var line = "\r\(label) [\(bar)] \(done)/\(total)"
    if done == total { line += "\n" }
    FileHandle.standardError.write(Data(line.utf8))
  }
}
