import ArgumentParser
import Expressions
import Foundation
import Store

/// `samla erase`: one respondent's personal data, their whole response (a withdrawal of consent),
/// or a round's personal data; a preview unless `--yes`, and the log of erasures made.
struct EraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a respondent's personal data or whole response, or a round's personal data (GDPR Art. 17).",
        discussion: """
        Name what goes in one way: --response ID (the response_id of an export), --token TOKEN (from the \
        links file of samla invite; looked up by its hash, never printed; --token - reads it from standard \
        input, so that it stays out of the shell's history; a token that begins with - is written \
        --token=TOKEN), --round R --email ADDRESS (the invitation's address, compared without case), or \
        --round R --personal-data (every personal answer and invitation e-mail address of the round). By \
        default only personal data goes: the response's pii answers and its invitation's e-mail address \
        and label; the response and its other answers stay. \
        --withdraw removes the whole response; its invitation stays, withdrawn: its link begins no new \
        response, and the response rate counts it as a refusal (AAPOR R). Without --yes nothing changes: the \
        command says what it would erase. A withdrawal keeps the invitation's address as a keyed hash on \
        the survey's suppression list, so that samla invite leaves it out of later rounds and samla remind \
        out of reminders; other invitations of the survey to the address keep their links, and the command \
        lists them, with the command that withdraws each (W702); --suppression \
        --email ADDRESS lifts that, for someone who asks to take part again. Each erasure is logged (when, \
        what, how many values, never the values): --log lists them. Backups and exports made before are \
        not touched (docs/erasure.md).
        """
    )

    @OptionGroup var database: StoreOptions

    @Option(help: ArgumentHelp("The response to erase from, by its id.", valueName: "id"))
    var response: Int64?

    @Option(help: ArgumentHelp("The invitation's token, as in the links file; - reads it from standard input; one that begins with - is written --token=TOKEN.", valueName: "token"))
    var token: String?

    @Option(help: ArgumentHelp("The round, with --email or --personal-data.", valueName: "name"))
    var round: String?

    @Option(help: ArgumentHelp("The invitation's e-mail address in --round; with --suppression, the withdrawn address.", valueName: "address"))
    var email: String?

    @Flag(help: "Every personal answer and invitation e-mail address of --round (its retention period ended).")
    var personalData = false

    @Flag(help: "Remove the whole response, for a respondent who withdraws consent; its link begins no new response.")
    var withdraw = false

    @Flag(help: "Take --email off the suppression list that withdrawals keep, for someone who asks to take part again.")
    var suppression = false

    @Flag(help: "Erase; without it nothing changes and the command says what it would erase.")
    var yes = false

    @Flag(help: "List the erasures made instead (none of the options above).")
    var log = false

    @Option(help: "text for people, json for scripts.")
    var format: OutputFormat = .text

    init() {}

    mutating func validate() throws {
        token = RespondentName.reading(token: token)
        if log {
            guard response == nil, token == nil, round == nil, email == nil, !personalData, !withdraw, !suppression, !yes else {
                throw ValidationError("--log lists the erasures made and takes only --db and --format")
            }
            return
        }
        if suppression {
            guard let email, response == nil, token == nil, round == nil, !personalData, !withdraw else {
                throw ValidationError("--suppression lifts the suppression of one address, in every survey: give it --email ADDRESS and no --round, --response, --token, --personal-data or --withdraw")
            }
            if email.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--email needs the withdrawn address") }
            return
        }
        let named = [response != nil, token != nil, email != nil, personalData].count(where: { $0 })
        if named == 0, round != nil { throw ValidationError("--round goes with --email ADDRESS (one invitation) or --personal-data (the whole round)") }
        guard named == 1 else {
            throw ValidationError(named == 0
                ? "name what to erase: --response ID, --token TOKEN, --round R --email ADDRESS, or --round R --personal-data; "
                    + "--suppression --email ADDRESS lifts a withdrawal's suppression; --log lists the erasures made"
                : "name what to erase in one way only: --response, --token, --email or --personal-data")
        }
        if email != nil || personalData {
            guard round != nil else { throw ValidationError("\(email != nil ? "--email" : "--personal-data") needs the round: --round R") }
        } else if round != nil {
            throw ValidationError("--round goes with --email or --personal-data; a response or token names its round itself")
        }
        if personalData && withdraw {
            throw ValidationError("--withdraw removes one respondent's response; a round's personal data is erased with --personal-data alone")
        }
        try RespondentName.check(token: token, email: email)
    }

    var request: ErasureRequest {
        if personalData, let round { return .roundPersonalData(round: round) }
        let subject = RespondentName.subject(response: response, token: token, round: round, email: email)
        return withdraw ? .withdrawal(subject) : .personalData(subject)
    }

    func run() throws {
        try reportingRefusals(database: database.path) {
            if log {
                let erasures = try database.open(.reading).erasures()
                switch format {
                case .text: printLine(erasures.isEmpty ? "no erasures in \(database.path)" : erasures.map(ErasureText.logLine).joined(separator: "\n"))
                case .json: StandardOutput.write(try CommandJSON.text(["erasures": erasures.map(ErasureText.Entry.init)]))
                }
                return
            }
            if suppression, let email {
                let lifts = yes ? try database.open(.writing).liftSuppression(email: email) : try database.open(.reading).suppressionLiftPlan(email: email)
                switch format {
                case .text:
                    printLine(lifts.map { ErasureText.sentence($0, made: yes) }.joined(separator: "\n"))
                    if !yes { printLine("nothing was erased; add --yes to erase it") }
                case .json:
                    StandardOutput.write(try CommandJSON.text(ErasureText.Outcomes(erased: yes, erasures: lifts.map(ErasureText.Entry.init))))
                }
                return
            }
            let store = try database.open(yes ? .writing : .reading)
            let erasure = yes ? try store.erase(request) : try store.erasurePlan(request)
            printDiagnostics(ErasureText.warnings(erasure, made: yes, named: RespondentName.option(response: response, token: token)))
            if erasure.kind == .roundPersonalData, let round = try store.round(named: erasure.round) {
                printDiagnostics(ErasureText.warnings(roundPersonalDataOf: round, made: yes, today: CalendarDate.today()))
            }
            switch format {
            case .text:
                printLine(ErasureText.sentence(erasure, made: yes))
                if !yes { printLine("nothing was erased; add --yes to erase it") }
            case .json:
                StandardOutput.write(try CommandJSON.text(ErasureText.Outcome(erased: yes, erasure: erasure)))
            }
        }
    }
}
