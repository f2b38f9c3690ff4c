import ArgumentParser
import Diagnostics
import Expressions
import Foundation
import Reports
import Store

/// `samla round list`: every round with its survey, version, dates, status and progress.
struct RoundListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the rounds with their progress.",
        discussion: """
        STATUS is scheduled (open, before its first day), open (collecting today), ended (open, \
        past its last day) or closed. STARTED counts responses begun, COMPLETE those submitted; \
        BY LANGUAGE gives started/complete per language; INVITATIONS counts those with a response \
        (used: begun at the link, or imported with its token), the invitees who withdrew (`samla erase --withdraw`) \
        and those whose response declined in the form (the survey's `refusal`), whom the rates count as refusals. OPENS, CLOSES and STATUS \
        go by days in the local time zone (TZ), as collection does. Below the table, each round's \
        response rate by AAPOR's Standard Definitions (RR1 and RR2, over the invitations); once \
        dispositions are recorded (samla round dispositions), the invitations without a response by \
        disposition, and RR3, RR4, COOP1, REF1 and CON1 (docs/rounds.md).
        """
    )

    @OptionGroup var database: StoreOptions

    @Option(help: "text for people, json for scripts.")
    var format: ListFormat = .text

    enum ListFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    init() {}

    func run() throws {
        try reportingRefusals(database: database.path) {
            let summaries = try database.open(.reading).roundSummaries()
            let today = CalendarDate.today()
            switch format {
            case .text: StandardOutput.write(Self.table(summaries, today: today))
            case .json: StandardOutput.write(try Self.json(summaries, today: today))
            }
        }
    }

    static func status(_ round: Round, today: CalendarDate) -> String {
        switch round.phase(on: today) {
        case .scheduled: "scheduled"
        case .collecting: "open"
        case .ended: "ended"
        case .closed: "closed"
        }
    }

    static func table(_ summaries: [RoundSummary], today: CalendarDate) -> String {
        guard !summaries.isEmpty else {
            return "no rounds yet; open one with: samla round open SURVEY.yaml --name NAME --opens YYYY-MM-DD --closes YYYY-MM-DD\n"
        }
        let header = ["ROUND", "SURVEY", "VERSION", "OPENS", "CLOSES", "STATUS", "INVITATIONS", "STARTED", "COMPLETE", "BY LANGUAGE"]
        let rows = summaries.map { s -> [String] in
            [
                s.round.name, s.round.surveyID, s.definitionVersion, s.round.opens.description, s.round.closes.description,
                status(s.round, today: today),
                s.round.isAnonymous ? "anonymous" : invitations(s),
                GroupedCount.text(s.started), GroupedCount.text(s.complete),
                s.byLanguage.isEmpty ? "-" : s.byLanguage.map { "\($0.language) \(GroupedCount.text($0.started))/\(GroupedCount.text($0.complete))" }.joined(separator: ", "),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        let numeric: Set<Int> = [7, 8]
        let table = ([header] + rows).map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == cells.count - 1 { return cell }
                return numeric.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        return (table + [""] + responseRates(summaries)).joined(separator: "\n") + "\n"
    }

    /// The invitations made, those with a response (used), and the invitees who withdrew or declined
    /// in the form when there are any.
    static func invitations(_ summary: RoundSummary) -> String {
        let withdrawn = summary.invitationsWithdrawn > 0 ? ", \(GroupedCount.text(summary.invitationsWithdrawn)) withdrew" : ""
        let declined = summary.invitationsDeclined.total > 0 ? ", \(GroupedCount.text(summary.invitationsDeclined.total)) declined" : ""
        return "\(GroupedCount.text(summary.invitations)) (\(GroupedCount.text(summary.invitationsUsed)) used\(withdrawn)\(declined))"
    }

    /// A line per round with its response rate, and the basis they are counted on when one has a rate.
    static func responseRates(_ summaries: [RoundSummary]) -> [String] {
        let words = ResponseRateWords(language: "en")
        let anyRate = summaries.contains { if case .invited = $0.responseRate { true } else { false } }
        return summaries.map { "\($0.round.name): \(words.sentence($0.responseRate))" } + (anyRate ? [words.basis] : [])
    }

    static func json(_ summaries: [RoundSummary], today: CalendarDate) throws -> String {
        struct Entry: Encodable {
            struct Language: Encodable { var language: String; var started: Int; var complete: Int }
            var name, survey, version, definitionHash, opens, closes, status: String
            var anonymous: Bool
            var invitations, invitationsUsed, invitationsWithdrawn, invitationsDeclined, started, complete: Int
            var byLanguage: [Language]
            /// Absent for an anonymous round and one without invitations.
            var responseRate: Rate?
        }
        /// The rates beyond RR1 and RR2, and e, are absent until a disposition is recorded.
        struct Rate: Encodable {
            var rr1, rr2: Double
            var rr3, rr4, coop1, ref1, con1, e: Double?
            var invitations, complete, partial, noResponse, withdrawn, declined, withoutInvitation: Int
            /// R: the recorded refusals (`refused`), the withdrawn and the declined.
            var refusals, refused, nonContact, ineligible, unknownEligibility: Int
        }
        func rate(_ rate: ResponseRate) -> Rate? {
            guard case .invited(let o) = rate else { return nil }
            return Rate(rr1: o.rr1, rr2: o.rr2, rr3: o.rr3, rr4: o.rr4, coop1: o.coop1, ref1: o.ref1, con1: o.con1, e: o.e,
                        invitations: o.invitations, complete: o.complete, partial: o.partial,
                        noResponse: o.noResponse, withdrawn: o.withdrawn, declined: o.declined, withoutInvitation: o.withoutInvitation,
                        refusals: o.refusals, refused: o.dispositions.refused, nonContact: o.dispositions.nonContact, ineligible: o.ineligible,
                        unknownEligibility: o.unknownEligibility)
        }
        let entries = summaries.map { s in
            Entry(
                name: s.round.name, survey: s.round.surveyID, version: s.definitionVersion, definitionHash: s.round.definitionHash,
                opens: s.round.opens.description, closes: s.round.closes.description, status: status(s.round, today: today),
                anonymous: s.round.isAnonymous, invitations: s.invitations, invitationsUsed: s.invitationsUsed,
                invitationsWithdrawn: s.invitationsWithdrawn, invitationsDeclined: s.invitationsDeclined.total, started: s.started, complete: s.complete,
                byLanguage: s.byLanguage.map { .init(language: $0.language, started: $0.started, complete: $0.complete) },
                responseRate: rate(s.responseRate))
        }
        return try CommandJSON.text(["rounds": entries])
    }
}
