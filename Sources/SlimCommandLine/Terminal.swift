import Foundation

/// What the tools need to know about where their output goes: colour and
/// progress bars are for people at a terminal, never for pipes, files or CI logs.
public enum Terminal {
  /// Whether stdout is a terminal (then tables may use colour).
  public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

  /// Whether stderr is a terminal and the environment is not CI (the `CI`
  /// variable, set by every common CI service): the condition for progress bars.
  public static var showsProgress: Bool {
    isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
  }
}
