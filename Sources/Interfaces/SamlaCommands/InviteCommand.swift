import ArgumentParser
import Diagnostics
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
        separated; a first line sep=; or sep=, names the delimiter, as Excel reads it). A column named email (or e-mail, e-post, epost, e-postadress, email address, e-mail address, as Outlook exports it) is recorded as personal \
        data, one named label (or name, namn) as the invitee's label. The links file has the contacts' columns and two more: token and link \
        (BASE/t/TOKEN). Each token is 32 random bytes; the database keeps only its SHA-256, so the \
        links file is the only copy: keep it safe for the mail merge and the reminders (samla remind), \
        and delete it after the last. A row whose address withdrew from the survey (samla erase --withdraw) \
        is not invited and is left out of the links file, with a warning naming its row (W700). So is a row \
        whose address an earlier row has, in any case (W440), and a row \
        the round has an invitation for from an earlier batch (W441: the same address, compared without case, \
        or for a row without an address the same label): run the grown contacts list again and only its new \
        rows are invited, in a links file of their own. --again gives those rows a link of their own instead.
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

    @Flag(help: "Give a link to rows left out as invited in an earlier batch (W441) or with an earlier row's address (W440) too (earlier links still work, and the response rate counts each).")
    var again = false

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
                round: round, contactsPath: contacts, outputPath: out ?? InvitationBatch.defaultOutputPath(for: contacts), links: links,
                invitesAgain: again)
            let store = try database.open(.writing)
            let outcome: InvitationBatch.Outcome
            do {
                outcome = try batch.run(store: store, today: CalendarDate.today())
            } catch let refusal as InvitationBatch.Refusal {
                throw Refused(refusal.diagnostics)
            }
            printDiagnostics(outcome.warnings)
            var leftOut = ""
            if let rows = Self.rows(outcome.withdrawnRows) {
                leftOut += "; left out \(rows) of \(contacts), whose address\(outcome.withdrawnRows.count == 1 ? "" : "es") withdrew from the survey (W700)"
            }
            if !again, let rows = Self.rows(outcome.repeatedRows) {
                leftOut += "; left out \(rows) of \(contacts), whose address \(outcome.repeatedRows.count == 1 ? "is" : "are") on an earlier row (W440; --again invites \(outcome.repeatedRows.count == 1 ? "it" : "them") too)"
            }
            if !again, let rows = Self.rows(outcome.alreadyInvitedRows) {
                leftOut += "; left out \(rows) of \(contacts), invited to round \(round) in an earlier batch (W441; --again invites them again)"
            }
            guard let written = outcome.outputPath else {
                printLine("nobody new to invite to round \(round)\(leftOut): no invitation made, no links file written")
                return
            }
            let recorded = [outcome.emailColumn.map { "emails from column \($0)" }, outcome.labelColumn.map { "labels from column \($0)" }]
                .compactMap { $0 }
            printLine("made \(outcome.invitations.count) invitation\(outcome.invitations.count == 1 ? "" : "s") to round \(round)"
                + (recorded.isEmpty ? "" : " (\(recorded.joined(separator: ", ")))") + leftOut)
            if outcome.emailColumn != nil, let rows = Self.rows(outcome.rowsWithoutAddress) {
                let one = outcome.rowsWithoutAddress.count == 1
                printLine("\(rows) of \(contacts) \(one ? "has" : "have") no email address: a mail merge cannot send \(one ? "its link" : "their links"); send \(one ? "it" : "them") another way")
            }
            printLine("wrote \(written): its column link holds each invitee's link, \(links.personal("…")) (from \(baseURL == nil ? "SAMLA_BASE_URL" : "--base-url")), for the mail merge; "
                + "the only copy of the tokens: keep it safe for the mail merge and the reminders (samla remind), and delete it after the last")
        }
    }

    /// `row 4` or `rows 2, 5, 7–400`; nil for none.
    private static func rows(_ numbers: [Int]) -> String? {
        numbers.isEmpty ? nil : (numbers.count == 1 ? "row " : "rows ") + RowNumbers.text(numbers)
    }
}
