import ArgumentParser
import Diagnostics
import Foundation

extension SamlaCommand {
    /// Parses `arguments`, runs the chosen subcommand and returns the process exit code:
    /// 0 success, 1 input refused, 2 usage error (ArgumentParser's own 64 is mapped to 2).
    /// A command whose standard output could not be written ends with E801 and 1. Interrupted
    /// (SIGINT, SIGTERM), a command other than `serve` removes its unfinished temporary files and
    /// ends by that signal.
    public static func run(arguments: [String]) async -> Int32 {
        let status = await runCommand(arguments: arguments)
        guard let failure = StandardOutput.failureDiagnostic() else { return status }
        printDiagnostics([failure])
        return status == ExitStatus.success ? ExitStatus.refused : status
    }

    private static func runCommand(arguments: [String]) async -> Int32 {
        if let unknown = unknownHelpTopic(in: arguments) {
            StandardOutput.writeError(unknown + "\n")
            return ExitStatus.usage
        }
        do {
            var command = try parseAsRoot(arguments)
            // `samla serve` stops gracefully on SIGINT and SIGTERM; every other command removes its
            // unfinished temporary files and ends as the signal would have (130, 143).
            if !(command is ServeCommand) { await TemporaryPaths.shared.removeOnInterrupt() }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = exitCode(for: error)
            var message = fullMessage(for: error)
            if code == .validationFailure, let suggestion = subcommandSuggestion(for: arguments) ?? optionSuggestion(for: arguments, refusal: message) {
                message += "\n" + suggestion
            }
            if !message.isEmpty {
                if code == .success { StandardOutput.write(message + "\n") } else { StandardOutput.writeError(message + "\n") }
            }
            if code == .validationFailure { return ExitStatus.usage }
            return code.rawValue
        }
    }
}

/// The exit codes of the design: every command returns one of these.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// The input was refused; diagnostics were printed.
    public static let refused: Int32 = 1
    /// The command line itself was wrong.
    public static let usage: Int32 = 2
}
