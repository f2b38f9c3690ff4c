import ArgumentParser
import Expressions
import Foundation
import Intake
import Store

/// `samla remind --round R contacts-links.csv`: who has not completed, for a reminder mail merge.
struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "List the invitations of a links file that have not completed the survey, for a reminder.",
        discussion: """
        Give the links file that samla invite wrote (comma or semicolon separated, its columns in any \
        order, as a spreadsheet may save it again; a first line sep=; or sep=, names the delimiter); contacts \
        invited in several batches have a links file each, so run it on each. The reminders file has the rows whose invitation has \
        not completed the survey, with the links file's columns and one more, progress: "not started" \
        (no page saved with the link) or "not finished" (begun; the link continues where it was left). \
        When everyone has completed, no file is written. The database is only read. The reminders file \
        holds the tokens: keep it safe, and delete it after the mail merge. An invitation whose respondent \
        withdrew (samla erase --withdraw) is never reminded, nor one recorded as refused or ineligible \
        (samla round dispositions; a non-contact is reminded), nor one whose saved answers declined in the \
        form (the survey's refusal), nor one whose address is on the survey's suppression list because its person withdrew another invitation after this one was sent (W703).
        """
    )

    @Option(help: ArgumentHelp("The round the links file invites to (invitation-only, not closed).", valueName: "name"))
    var round: String

    @Argument(help: ArgumentHelp("The links file that `samla invite` wrote.", valueName: "links.csv"))
    var links: String

    @Option(help: ArgumentHelp(
        "Where to write the reminders file; default: next to the links file, named for today (NAME-links.csv → NAME-reminder-YYYY-MM-DD.csv).", valueName: "file"))
    var out: String?

    @OptionGroup var database: StoreOptions

    init() {}

    func run() throws {
        try reportingRefusals(database: database.path) {
            let today = CalendarDate.today()
            let list = ReminderList(round: round, linksPath: links, outputPath: out ?? ReminderList.defaultOutputPath(for: links, on: today))
            let store = try database.open(.reading)
            let outcome: ReminderList.Outcome
            do {
                outcome = try list.run(store: store, today: today)
            } catch let refusal as ReminderList.Refusal {
                throw Refused(refusal.diagnostics)
            }
            printDiagnostics(outcome.warnings)
            var leftOut = outcome.withdrawn == 0 ? "" : "; \(outcome.withdrawn) withdrew (samla erase --withdraw) and \(outcome.withdrawn == 1 ? "is" : "are") not reminded"
            let declined = [(outcome.declined.refused, "refused"), (outcome.declined.ineligible, "ineligible")].filter { $0.0 > 0 }
            if !declined.isEmpty {
                leftOut += "; " + declined.map { "\($0.0) recorded \($0.1)" }.joined(separator: " and ")
                    + " (samla round dispositions) \(declined.map(\.0).reduce(0, +) == 1 ? "is" : "are") not reminded"
            }
            if outcome.declinedInForm > 0 {
                leftOut += "; \(outcome.declinedInForm) declined in the form (the survey's refusal) and \(outcome.declinedInForm == 1 ? "is" : "are") not reminded"
            }
            if outcome.suppressed > 0 {
                leftOut += "; left out \(outcome.suppressed), whose address withdrew from the survey with another invitation (W703)"
            }
            guard let written = outcome.outputPath else {
                let notReminded = outcome.withdrawn + outcome.declined.refused + outcome.declined.ineligible + outcome.declinedInForm + outcome.suppressed
                let all = if notReminded > 0 {
                    "of the \(outcome.rows) invitation\(outcome.rows == 1 ? "" : "s") in \(links), \(outcome.rows - notReminded) completed"
                } else {
                    outcome.rows == 1 ? "the 1 invitation in \(links) has completed" : "all \(outcome.rows) invitations in \(links) have completed"
                }
                printLine("\(all) round \(round)\(leftOut): no reminders, no file written")
                return
            }
            // "to remind", not "have not completed": a withdrawn, refused or declined invitation has not completed either.
            printLine("\(outcome.reminders) of \(outcome.rows) invitation\(outcome.rows == 1 ? "" : "s") in \(links) to remind for round \(round): "
                + "\(outcome.notStarted) not started, \(outcome.notFinished) started and not finished\(leftOut)")
            printLine("wrote \(written): it holds the tokens; keep it safe and delete it after the mail merge")
        }
    }
}
