import ArgumentParser
import Diagnostics
import Foundation
import Intake
import Store

/// `samla import`: loads a file of responses into a round (the default, `samla import --round R
/// FILE.csv`), lists a round's imports, or takes one back.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load responses from a CSV file into a round, every cell checked; list a round's imports, or take one back.",
        usage: """
            samla import --round <name> <file.csv> [--skip-invalid] [--again] [--report <file>] [--limit <limit>] [--format <format>] [--db <path>]
            samla import list --round <name> [--format <format>] [--db <path>]
            samla import undo --round <name> --id <id> [--yes] [--format <format>] [--db <path>]
            """,
        discussion: """
        samla import --round R FILE.csv [--skip-invalid] [--again] [--report FILE] loads the file (the \
        default subcommand, file, whose help says more: samla import file --help). A file whose bytes the \
        round has imported before is refused (E431) unless --again is given, or unless that import was taken back. \
        samla import list --round R lists the round's imports: id, file, sha256, rows imported, when, the \
        responses still there, and whether it was taken back. samla import undo --round R --id N says what \
        taking import N back would remove (its responses, complete and partial, and the invitations they \
        answered, which become unanswered); with --yes it removes them, in one transaction, and keeps the \
        import marked undone, so that the same file may be imported again (docs/import.md, "Taking an import back").
        """,
        subcommands: [ImportFileCommand.self, ImportListCommand.self, ImportUndoCommand.self],
        defaultSubcommand: ImportFileCommand.self
    )

    init() {}
}

/// `samla import [file] --round R FILE.csv`: loads responses (complete, and partial ones marked so)
/// into a round, every cell checked.
struct ImportFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file",
        abstract: "Load responses from a CSV file into a round, every cell checked (the default: samla import --round R FILE.csv).",
        usage: "samla import --round <name> [--skip-invalid] [--again] [--report <file>] [--limit <limit>] [--format <format>] <file.csv> [--db <path>]",
        discussion: """
        The header names the columns: variable names (matrix rows as question_row, other texts as \
        question_other), and optionally language, submitted_at and status (complete, or partial for a \
        response begun and not submitted, whose required questions may be empty). Multiple choices are \
        codes separated by spaces, or one column per option holding 1/0 (question_option), as samla export \
        writes them: a wide export with codes imports into another round of its survey, partial rows \
        (--include-partial) as partial responses. A token column (the links file of samla invite, with \
        answer columns added) makes each row with a token the response of that invitation. Every problem is reported as file:line: error[E4xx]: row N, column C: why. Nothing is \
        written unless every row is valid; with --skip-invalid the valid rows are written and the others \
        listed (and written to --report). A file whose bytes were imported into the round before (under \
        any name) is refused (E431) unless --again is given or that import was taken back (samla import undo). Exit status: 0 imported, 1 refused, 2 usage error.
        """
    )

    @Option(help: ArgumentHelp("The round to import into (see `samla round list`).", valueName: "name"))
    var round: String

    @Flag(name: .customLong("skip-invalid"), help: "Import the valid rows and report the others.")
    var skipInvalid = false

    @Flag(help: "Import the file even if its bytes were imported into the round before (refused otherwise, E431).")
    var again = false

    @Option(help: ArgumentHelp(
        "Write every problem of the refused rows to this CSV file (row, line, column, value, code, message); with --skip-invalid the default is FILE-refused.csv next to the file.",
        valueName: "file"))
    var report: String?

    @Option(help: "How many errors to list (the totals count all of them).")
    var limit: Int = 100

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("The CSV file (UTF-8, with or without BOM; CRLF or LF).", valueName: "file.csv"))
    var file: String

    @OptionGroup var database: StoreOptions

    init() {}

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        var result: ImportResult?
        try reportingRefusals(database: database.path) {
            let store = try database.open(.writing)
            let reportPath = report ?? (skipInvalid ? Self.defaultReportPath(for: file) : nil)
            let options = ImportOptions(skipInvalid: skipInvalid, reportPath: reportPath, listedErrorLimit: limit, showsProgress: format == .text,
                                        again: again)
            result = ResponseImporter(store: store, database: database.path, options: options).importFile(file, round: round)
        }
        guard let result else { return }
        switch format {
        case .text:
            printDiagnostics(result.diagnostics)
            StandardOutput.write(ImportReportText.summary(result, skippingInvalid: skipInvalid))
        case .json:
            StandardOutput.write(DiagnosticRenderer.json(result.diagnostics, files: 1, errorCount: result.errorCount))
        }
        if result.isRefused { throw ExitCode(ExitStatus.refused) }
    }

    /// `responses.csv` → `responses-refused.csv`, in the same folder.
    static func defaultReportPath(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)-refused.csv").path
    }
}

/// How a command prints its diagnostics.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// What `samla import` prints after its diagnostics (which go to standard error): how many errors
/// were not listed, totals by code and by column (of the errors that belong to a column), and one
/// summary line.
enum ImportReportText {
    static func summary(_ result: ImportResult, skippingInvalid: Bool) -> String {
        var lines: [String] = []
        if result.unlistedErrorCount > 0 {
            lines.append("… and \(GroupedCount.text(result.unlistedErrorCount)) more error\(result.unlistedErrorCount == 1 ? "" : "s") not listed (--limit N lists more)")
        }
        if result.errorCount > 0 {
            lines.append("errors by code: " + result.errorsByCode.map { "\($0.code.id) \(GroupedCount.text($0.count))" }.joined(separator: ", "))
        }
        if !result.errorsByColumn.isEmpty {
            lines.append("errors by column: " + result.errorsByColumn.prefix(20).map { "\($0.column) \(GroupedCount.text($0.count))" }.joined(separator: ", ")
                + (result.errorsByColumn.count > 20 ? ", …" : ""))
        }
        let time = String(format: "%.1f s", result.seconds)
        let rate = result.seconds > 0 ? ", \(GroupedCount.text(Int(Double(result.rowsRead) / result.seconds))) rows/s" : ""
        let read = "\(GroupedCount.text(result.rowsRead)) row\(result.rowsRead == 1 ? "" : "s") read"
        if result.isRefused {
            lines.append("import refused: \(read), \(GroupedCount.text(result.refusedRows)) with errors, nothing imported (\(time)); "
                + Self.advice(after: result, skippingInvalid: skippingInvalid))
        } else {
            var line = "imported \(GroupedCount.text(result.imported)) response\(result.imported == 1 ? "" : "s")"
            if result.importedPartial > 0 {
                line += " (\(GroupedCount.text(result.imported - result.importedPartial)) complete, \(GroupedCount.text(result.importedPartial)) partial)"
            }
            line += " into \(result.round): \(read)"
            if result.refusedRows > 0 { line += ", \(GroupedCount.text(result.refusedRows)) refused" }
            if result.refusedPartialRows > 0 { line += " (\(GroupedCount.text(result.refusedPartialRows)) of them partial)" }
            line += " (\(time)\(rate))"
            lines.append(line)
        }
        if let id = result.importID {
            lines.append("import \(id) of round \(result.round): `samla import undo --round \(result.round) --id \(id)` takes it back")
        }
        if let path = result.reportPath { lines.append("refused rows are listed in \(path)") }
        if !result.isRefused, result.refusedRows > 0, result.imported > 0 {
            let imported = result.imported == 1 ? "the response imported now" : "the \(GroupedCount.text(result.imported)) responses imported now"
            lines.append("to import the refused rows, correct them in a file of their own: the whole file imported again would add \(imported) "
                + "a second time (or take this import back first, as above, and import the corrected whole file)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What to do after a refused import: a file the round has imported before, or one refused for its
    /// `--report` path, is not to be corrected; `--skip-invalid` is suggested only to an import without it.
    static func advice(after result: ImportResult, skippingInvalid: Bool) -> String {
        if result.refusedRows > 0, !skippingInvalid { return "correct the rows and import again, or use --skip-invalid" }
        if result.refusedRows > 0, result.refusedRows == result.rowsRead {
            return "every row was refused, so --skip-invalid left none to import; correct the rows and import again"
        }
        if result.errorsByCode.contains(where: { $0.code == .fileAlreadyImported }) { return "the file was imported into the round before; to import it again all the same, add --again" }
        if result.rowsRead == 0, result.errorsByCode.allSatisfy({ $0.code == .reportWriteFailed }) { return "the file was not read: choose another --report file and import again" }
        if result.rowsRead == 0, result.errorsByCode.allSatisfy({ $0.code == .unknownRound }) {
            return "the file was not read: give --round a round of the database (samla round list shows them) and import again"
        }
        let databaseCodes: Set<DiagnosticCode> = [.databaseBusy, .databaseFull, .databaseUnwritable, .importWriteFailed, .unusableDatabase]
        if result.errorsByCode.allSatisfy({ databaseCodes.contains($0.code) }) { return "no row of the file was refused: the database did not take them (see above); import the file again once it does" }
        return "correct the file and import again"
    }
}
