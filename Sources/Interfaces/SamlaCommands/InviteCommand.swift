import ArgumentParser
import Expressions
import Foundation
import Intake
import Store

/// `samla invite --round R contacts.csv`: personal links for a mail merge.
struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Make one invitation link per row of a contacts file.",
        discussion: """
        The contacts file is a CSV with a header row (comma or, from a Swedish spreadsheet, semicolon \
        separated; a first line sep=; or sep=, names the delimiter, as Excel reads it). A column named email (or e-mail, e-post, epost) is recorded as personal \
        data, one named label (or name, namn) as the invitee's label. The links file has the contacts' columns and two more: token and link \
        (BASE/t/TOKEN). Each token is 32 random bytes; the database keeps only its SHA-256, so the \
        links file is the only copy: keep it safe for the mail merge and the reminders (samla remind), \
        and delete it after the last. A row whose address withdrew from the survey (samla erase --withdraw) \
        is not invited and is left out of the links file, with a warning naming its row (W700).
        """
    )

    @Option(help: ArgumentHelp("The round to invite to (invitation-only, not closed).", valueName: "name"))
    var round: String

    @Argument(help: ArgumentHelp("The contacts CSV file.", valueName: "contacts.csv"))
    var contacts: String

    @Option(help: ArgumentHelp(
        "The public address of `samla serve`, e.g. https://enkat.example.se; defaults to $SAMLA_BASE_URL.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Where to write the links file; default: CONTACTS-links.csv next to the contacts.", valueName: "file"))
    var out: String?

    @OptionGroup var database: StoreOptions

    init() {}

    func validate() throws {
        guard let base = baseURL ?? ProcessInfo.processInfo.environment["SAMLA_BASE_URL"] else {
            throw ValidationError("give --base-url (the address respondents open, e.g. https://enkat.example.se) or set SAMLA_BASE_URL")
        }
        guard Links(base: base) != nil else {
            throw ValidationError("--base-url \(base) is not an http:// or https:// address with a host (and no ? or #)")
        }
    }

    func run() throws {
        let links = Links(base: baseURL ?? ProcessInfo.processInfo.environment["SAMLA_BASE_URL"] ?? "")!
        try reportingRefusals(database: database.path) {
            let batch = InvitationBatch(
                round: round, contactsPath: contacts, outputPath: out ?? InvitationBatch.defaultOutputPath(for: contacts), links: links)
            let store = try database.open(.writing)
            let outcome: InvitationBatch.Outcome
            do {
                outcome = try batch.run(store: store, today: CalendarDate.today())
            } catch let refusal as InvitationBatch.Refusal {
                throw Refused(refusal.diagnostics)
            }
            printDiagnostics(outcome.warnings)
            let recorded = [outcome.emailColumn.map { "emails from column \($0)" }, outcome.labelColumn.map { "labels from column \($0)" }]
                .compactMap { $0 }
            let withdrawn = outcome.withdrawnRows
            printLine("made \(outcome.invitations.count) invitation\(outcome.invitations.count == 1 ? "" : "s") to round \(round)"
                + (recorded.isEmpty ? "" : " (\(recorded.joined(separator: ", ")))")
                + (withdrawn.isEmpty ? "" : "; left out row\(withdrawn.count == 1 ? "" : "s") \(withdrawn.map(String.init).joined(separator: ", ")) of \(contacts), "
                    + "whose address\(withdrawn.count == 1 ? "" : "es") withdrew from the survey (W700)"))
            printLine("wrote \(outcome.outputPath): the only copy of the tokens; keep it safe for the mail merge and the reminders (samla remind), and delete it after the last")
        }
    }
}
