import ArgumentParser
import Foundation
import Store

/// `samla import list --round R`: the round's imports, those taken back too.
struct ImportListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a round's imports: id, file, sha256, rows imported, when, responses left, taken back or not.",
        discussion: """
        One line per import, oldest first. The id is what samla import undo --id takes. Responses left \
        counts those still in the database (a withdrawal, samla erase --withdraw, removes one). An import \
        made before this database recorded which import added each response cannot be taken back, and says so.
        """
    )

    @Option(help: ArgumentHelp("The round whose imports to list.", valueName: "name"))
    var round: String

    @Option(help: "text for people, json for scripts.")
    var format: OutputFormat = .text

    @OptionGroup var database: StoreOptions

    init() {}

    func run() throws {
        try reportingRefusals(database: database.path) {
            let imports = try database.open(.reading).fileImports(round: round)
            switch format {
            case .text:
                printLine(imports.isEmpty ? "round \(round) has no imports" : imports.map(ImportUndoText.listLine).joined(separator: "\n"))
            case .json:
                StandardOutput.write(try CommandJSON.text(ImportUndoText.Listing(round: round, imports: imports.map(ImportUndoText.Entry.init))))
            }
        }
    }
}

/// `samla import undo --round R --id N`: what taking an import back would remove; with `--yes`, removes it.
struct ImportUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Take an import back: remove its responses and leave their invitations unanswered.",
        discussion: """
        Without --yes nothing changes: the command says what it would remove (the import's responses, \
        complete and partial, and the invitations they answered, whose links then begin a response \
        again). With --yes it removes them with every answer, in one transaction, and keeps the import \
        in samla import list, marked undone: its file may then be imported again without --again. \
        Responses withdrawn since (samla erase --withdraw) are gone already and are counted (W427); \
        responses their respondents went on with on the web go too (W428). The round may be closed. \
        An import made before this database recorded which import added each response cannot be told \
        apart (E498): restore a backup instead (docs/import.md, "Taking an import back").
        """
    )

    @Option(help: ArgumentHelp("The round of the import.", valueName: "name"))
    var round: String

    @Option(help: ArgumentHelp("The import to take back, by the id that samla import list shows.", valueName: "id"))
    var id: Int64

    @Flag(help: "Remove them; without it nothing changes and the command says what it would remove.")
    var yes = false

    @Option(help: "text for people, json for scripts.")
    var format: OutputFormat = .text

    @OptionGroup var database: StoreOptions

    init() {}

    func run() throws {
        try reportingRefusals(database: database.path) {
            let undo = yes ? try database.open(.writing).undoImport(id, round: round) : try database.open(.reading).importUndoPlan(id, round: round)
            printDiagnostics(ImportUndoText.warnings(undo))
            switch format {
            case .text:
                printLine(ImportUndoText.sentence(undo))
                if !yes { printLine("nothing was removed; add --yes to remove it") }
            case .json:
                StandardOutput.write(try CommandJSON.text(ImportUndoText.Outcome(undo)))
            }
        }
    }
}
