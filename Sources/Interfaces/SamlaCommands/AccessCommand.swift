import ArgumentParser
import Diagnostics
import Foundation
import Store
import SurveyDefinition

/// `samla access`: everything the database holds about one respondent, for their request to see it
/// (GDPR Art. 15) or to have a copy in a machine-readable form (Art. 20, `--format json`).
struct AccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Show everything the database holds about one respondent (GDPR Art. 15 and 20).",
        discussion: """
        Name the respondent as samla erase does: --response ID (the response_id of an export), --token TOKEN \
        (from the links file of samla invite; looked up by its hash, never printed; --token - reads it from \
        standard input), or --email ADDRESS (compared without case), in every round or, with --round R, in \
        one. Prints their invitations (address, label, when made, disposition, withdrawal), their responses \
        with every answer (variable, question in the response's language, whether it is personal data), the \
        suppression-list entries of the address (a keyed hash: the address itself is not kept) and the \
        erasures logged for them. --format json is the copy in a machine-readable form; --out FILE writes it \
        to a file, whole or not at all. Reads the database only. Finding nothing is not an error: the \
        command says so (W704) and exits 0 (docs/erasure.md).
        """
    )

    @OptionGroup var database: StoreOptions

    @Option(help: ArgumentHelp("The respondent's response, by its id.", valueName: "id"))
    var response: Int64?

    @Option(help: ArgumentHelp("The invitation's token, as in the links file; - reads it from standard input; one that begins with - is written --token=TOKEN.", valueName: "token"))
    var token: String?

    @Option(help: ArgumentHelp("Look for --email in this round only (by default, in every round).", valueName: "name"))
    var round: String?

    @Option(help: ArgumentHelp("The respondent's e-mail address, compared without case.", valueName: "address"))
    var email: String?

    @Option(help: "text for people, json for the machine-readable copy.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Write it to this file instead of standard output; it holds personal data.", valueName: "file"))
    var out: String?

    init() {}

    mutating func validate() throws {
        token = RespondentName.reading(token: token)
        let named = [response != nil, token != nil, email != nil].count(where: { $0 })
        guard named == 1 else {
            throw ValidationError(named == 0
                ? "name the respondent: --response ID, --token TOKEN, or --email ADDRESS (with --round R for one round)"
                : "name the respondent in one way only: --response, --token or --email")
        }
        if round != nil, email == nil { throw ValidationError("--round goes with --email; a response or token names its round itself") }
        try RespondentName.check(token: token, email: email)
        if let out, out.isEmpty { throw ValidationError("--out needs the path of the file to write") }
    }

    var subject: AccessSubject {
        if let email, round == nil { return .address(email.trimmingCharacters(in: .whitespaces)) }
        return .respondent(RespondentName.subject(response: response, token: token, round: round, email: email))
    }

    /// The person as named, for the heading: never the token.
    var subjectText: String {
        if let response { return "the respondent of response \(response)" }
        if token != nil { return "the respondent of the invitation whose token was given" }
        let address = (email ?? "").trimmingCharacters(in: .whitespaces)
        return "the e-mail address \(address) " + (round.map { "in round \($0)" } ?? "in every round")
    }

    func run() throws {
        try reportingRefusals(database: database.path) {
            let store = try database.open(.reading)
            let held = try store.subjectAccess(subject)
            var surveys: [String: Survey] = [:]
            for hash in Set(held.responses.map(\.response.record.definitionHash)) { surveys[hash] = try store.loadDefinition(hash: hash).survey }
            let report = AccessText.Report(held: held, surveys: surveys, subject: subjectText, database: database.path, readAt: Timestamp(Date()))
            if held.isEmpty {
                printDiagnostics([Diagnostic(.accessNothingHeld, at: .field(RespondentName.option(response: response, token: token)), nothingHeld)])
            }
            let text = switch format {
            case .text: AccessText.text(report)
            case .json: try CommandJSON.text(AccessText.Copy(report))
            }
            guard let out else { return StandardOutput.write(text) }
            try TextFileOutput.write(text, to: out, option: "--out", what: "the copy")
            printLine("wrote \(out): what \(database.path) holds about \(subjectText); it holds personal data: send it to the person by a safe way and delete it after")
        }
    }

    /// W704's message: what was looked for, and why an erased respondent is not found by it.
    private var nothingHeld: String {
        if let response {
            return "there is no response \(response) in \(database.path), and no erasure is logged for one with this id; take the id from the round's export (column response_id), or look by --email"
        }
        if token != nil {
            return "no invitation in \(database.path) has this token; copy it from the links file that samla invite wrote for the round, or look by --email"
        }
        let rounds = round.map { "no invitation of round \($0)" } ?? "no invitation of any round"
        return "\(rounds) in \(database.path) has this address (compared trimmed and without case), and no suppression list has it; "
            + "an invitation whose address an erasure took is not found by it (samla erase --log lists the erasures), "
            + "and a response without an invitation only by its id (docs/erasure.md, \"Finding a respondent's response\")"
    }
}
