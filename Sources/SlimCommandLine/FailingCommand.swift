import ArgumentParser
import Foundation
import SlimCompiler

/// A command whose failures carry an `ExitStatus`: the message goes to stderr as
/// `slim-xxx: error: ...` and the process exits with the documented code.
public protocol FailingCommand: ParsableCommand {}

extension FailingCommand {
  public static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as CommandFailure {
      let name = configuration.commandName ?? "slim"
      FileHandle.standardError.write(Data("\(name): error: \(failure.message)\n".utf8))
      Foundation.exit(failure.status.rawValue)
    } catch {
      exit(withError: error)
    }
  }
}
