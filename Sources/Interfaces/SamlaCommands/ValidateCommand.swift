import ArgumentParser
import Diagnostics
import Foundation

/// `samla validate FILE...`: checks definitions and prints every problem found.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check survey, framework and report definitions.",
        usage: "samla validate <file> ... [--format <format>]",
        discussion: """
        Prints each problem as `path:line:col: error[E012]: message`, then a summary line.
        Exits 0 when there are no errors (warnings allowed), 1 when there are, 2 on a usage error.
        Every code is described in docs/diagnostics.md.
        """
    )

    @Argument(help: ArgumentHelp("The definition files to check (at least one).", valueName: "file"))
    var files: [String] = []

    @Option(help: "How to print the diagnostics: text for people, json for editors and CI.")
    var format: DiagnosticFormat = .text

    init() {}

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one definition file, e.g. samla validate surveys/*.yaml") }
    }

    func run() throws {
        let diagnostics = files.flatMap { DefinitionKind.validate(path: $0, alongside: files) }
        let output = switch format {
        case .text: DiagnosticRenderer.text(diagnostics, files: files.count)
        case .json: DiagnosticRenderer.json(diagnostics, files: files.count)
        }
        StandardOutput.write(output)
        if diagnostics.contains(where: \.isError) { throw ExitCode(ExitStatus.refused) }
    }
}

/// The two ways diagnostics are printed.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
