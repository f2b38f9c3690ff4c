import ArgumentParser
import Diagnostics
import Foundation

/// `samla validate FILE...`: checks definitions and prints every problem found.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check survey, framework and report definitions.",
        usage: "samla validate <file> ... [--db <path>] [--format <format>]",
        discussion: """
        Prints each problem as `path:line:col: error[E012]: message`, then a summary line.
        Exits 0 when there are no errors (warnings allowed), 1 when there are, 2 on a usage error.
        Every code is described in docs/diagnostics.md.

        With --db, the files are checked against the database too, which is only read: a framework \
        against the survey files and every version of each survey the database holds, as samla \
        compute checks it (an indicator of a question the new version drops passes); a survey file \
        against the answers stored, as samla round open would check it (E445-E447 with the counts \
        of answers that would be lost), with notes of what a new round with it would list.
        """
    )

    @Argument(help: ArgumentHelp("The definition files to check (at least one).", valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Also check against this Samla database, opened read-only: the survey versions and answers it holds.", valueName: "path"))
    var database: String?

    @Option(help: "How to print the diagnostics: text for people, json for editors and CI.")
    var format: DiagnosticFormat = .text

    init() {}

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one definition file, e.g. samla validate surveys/*.yaml") }
        if let database { try StoreOptions(path: database).validate() }
    }

    func run() throws {
        guard let database else { return try report(ValidationContext(files: files)) }
        try reportingRefusals(database: database) {
            let store = try StoreOptions(path: database).open(.checking)
            try report(ValidationContext(files: files, store: store, database: database))
        }
    }

    private func report(_ context: ValidationContext) throws {
        let checked = try files.map { try DefinitionKind.validate(path: $0, in: context) }
        let diagnostics = checked.flatMap(\.diagnostics)
        let notes = checked.flatMap(\.notes)
        let output = switch format {
        case .text: DiagnosticRenderer.text(diagnostics, files: files.count, notes: notes)
        case .json: DiagnosticRenderer.json(diagnostics, files: files.count, notes: context.store == nil ? nil : notes)
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
