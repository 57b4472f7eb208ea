/// Exit codes of the command-line tools, documented in the README.
/// Values follow BSD `sysexits.h` where one fits, so scripts can tell causes apart.
public enum ExitStatus: Int32, Sendable {
  case success = 0
  /// The packed model disagreed with the reference engine; nothing was written.
  case verificationFailed = 3
  /// Wrong or inconsistent command-line options.
  case usage = 64
  /// An input file is malformed, hostile or does not fit the model.
  case badInput = 65
  /// An input file cannot be opened.
  case cannotOpen = 66
  /// An internal error: a bug in slim; please report it.
  case software = 70
  /// The output file cannot be written.
  case cannotWrite = 73
}
