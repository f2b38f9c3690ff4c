import ArgumentParser
import Diagnostics
import Intake
import Reports
import Store

/// `samla round dispositions --round R FILE.csv`: the final dispositions of the invitations that
/// did not respond, for AAPOR's rates beyond RR1 and RR2; a preview unless `--yes`.
struct RoundDispositionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispositions",
        abstract: "Record the final dispositions of invitations without a response: refused, non-contact, ineligible.",
        discussion: """
        The file is a CSV with a header row (comma or semicolon separated), one row per invitation: a \
        token column (the links file of samla invite, with a disposition column added, will do) or an \
        email column (compared without case), and a disposition column holding refused (vägrat, \
        avböjt), non-contact (ej-kontakt: an organisation known to be in the population that was \
        never reached; a bounced e-mail alone is of unknown eligibility and is left out), ineligible (ej-behörig: not in the population) or none \
        (ingen: unknown eligibility again, which clears a recorded one); docs/rounds.md lists every \
        code. An invitation with a response has its response's disposition, \
        and one whose respondent withdrew (samla erase --withdraw) counts as a refusal: neither takes \
        one. Any problem refuses the whole file, each with its row and column, and nothing is \
        stored. Without --yes nothing changes: the command says what it would record. \
        samla round list then gives RR3, RR4, COOP1, REF1 and CON1 (docs/rounds.md).
        """
    )

    @Option(help: ArgumentHelp("The round of the invitations (invitation-only; it may be closed).", valueName: "name"))
    var round: String

    @Argument(help: ArgumentHelp("The dispositions CSV file.", valueName: "dispositions.csv"))
    var file: String

    @Flag(help: "Record them; without it nothing changes and the command says what it would record.")
    var yes = false

    @OptionGroup var database: StoreOptions

    init() {}

    func run() throws {
        try reportingRefusals(database: database.path) {
            let store = try database.open(yes ? .writing : .reading)
            let outcome: DispositionFile.Outcome
            do {
                outcome = try DispositionFile(round: round, path: file).run(store: store, apply: yes)
            } catch let refusal as DispositionFile.Refusal {
                printDiagnostics(refusal.diagnostics)
                printLine(Self.refusedSentence(refusal))
                throw ExitCode(ExitStatus.refused)
            }
            printLine(Self.sentence(outcome, file: file, round: round))
            if yes {
                guard let summary = try store.roundSummaries().first(where: { $0.round.name == round }) else { return }
                printLine("\(round): " + ResponseRateWords(language: "en").sentence(summary.responseRate))
            } else {
                printLine("nothing was recorded; add --yes to record it")
            }
        }
    }

    /// `dispositions refused: 3 rows read, 2 with errors, nothing recorded; …`, after a refusal's diagnostics.
    static func refusedSentence(_ refusal: DispositionFile.Refusal) -> String {
        guard let rows = refusal.rowsRead else { return "dispositions refused: nothing recorded; correct the file and run it again" }
        return "dispositions refused: \(GroupedCount.text(rows)) row\(rows == 1 ? "" : "s") read, \(GroupedCount.text(refusal.rowsWithErrors)) with errors, "
            + "nothing recorded; correct the rows and run it again"
    }

    /// `dispositions.csv: 4 invitations of round R (by token): recorded 2 refused, 1 ineligible; cleared 1; 1 as recorded already`.
    static func sentence(_ outcome: DispositionFile.Outcome, file: String, round: String) -> String {
        let count = outcome.changes.count
        let recorded = InvitationDisposition.allCases.compactMap { disposition in
            outcome.recorded[disposition].map { "\($0) \(disposition.rawValue)" }
        }
        var changes: [String] = []
        if !recorded.isEmpty { changes.append((outcome.stored ? "recorded " : "would record ") + recorded.joined(separator: ", ")) }
        if outcome.cleared > 0 { changes.append((outcome.stored ? "cleared " : "would clear ") + "\(outcome.cleared) (unknown eligibility again)") }
        if outcome.unchanged > 0 { changes.append("\(outcome.unchanged) as recorded already") }
        return "\(file): \(count) invitation\(count == 1 ? "" : "s") of round \(round) (by \(outcome.keyColumn)): "
            + (recorded.isEmpty && outcome.cleared == 0 ? "nothing to change" + (outcome.unchanged > 0 ? ", all as recorded already" : "") : changes.joined(separator: "; "))
    }
}
