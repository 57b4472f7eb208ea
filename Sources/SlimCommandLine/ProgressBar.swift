import Foundation

/// A one-line progress bar on stderr for long operations (measuring,
/// calibration, pruning a large model, benchmarks).
///
/// Draws only when `Terminal.showsProgress` (stderr is a terminal and `CI`
/// is unset), so pipes, files and CI logs stay clean; otherwise every call
/// is a cheap no-op. Redraws only when the drawn text changes, so calling
/// `advance()` in a tight loop costs a string comparison.
///
/// ```swift
/// let progress = ProgressBar(title: "calibrating", total: images.count)
/// for image in images { calibrate(image); progress.advance() }
/// progress.finish()
/// ```
/// Not thread-safe: update it from one thread.
public final class ProgressBar {
  public let title: String
  public let total: Int
  public private(set) var completed = 0
  private let isEnabled: Bool
  private let width: Int
  private var lastLine = ""

  /// `enabled` defaults to `Terminal.showsProgress`; `width` is the bar's
  /// length in cells. Precondition: `total >= 0`.
  public init(title: String, total: Int, width: Int = 30, enabled: Bool = Terminal.showsProgress) {
    self.title = title
    self.total = total
    self.width = width
    self.isEnabled = enabled
  }

  /// Moves forward by `steps` units of `total`.
  public func advance(by steps: Int = 1) { update(completed: completed + steps) }

  /// Sets the completed units (clamped to `0...total`) and redraws if the text changed.
  public func update(completed: Int) {
    self.completed = min(max(completed, 0), total)
    guard isEnabled else { return }
    let line = Self.line(title: title, completed: self.completed, total: total, width: width)
    guard line != lastLine else { return }
    lastLine = line
    write("\r" + line)
  }

  /// Erases the bar so that the tool's own output starts on a clean line.
  public func finish() {
    guard isEnabled, !lastLine.isEmpty else { return }
    write("\r\u{1B}[2K")
    lastLine = ""
  }

  /// The text of the bar, e.g. `measuring [#########.....] 64% (32/50)`.
  /// Pure, so that it can be tested without a terminal.
  public static func line(title: String, completed: Int, total: Int, width: Int) -> String {
    let fraction = total > 0 ? Double(min(max(completed, 0), total)) / Double(total) : 1
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    return "\(title) [\(bar)] \(Int((fraction * 100).rounded(.down)))% (\(completed)/\(total))"
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
