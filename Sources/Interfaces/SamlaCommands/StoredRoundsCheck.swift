import Diagnostics
import Expressions
import Store
import SurveyDefinition

/// `samla validate --db`'s check of a survey definition against the database's rounds of its survey:
/// what `samla round open` would refuse, warn about and list, found by the store's own check
/// (``Store/checkDefinition(_:reopening:)``), without opening a round or writing anything.
enum StoredRoundsCheck {
    struct Found {
        var diagnostics: [Diagnostic] = []
        /// What opening a new round with the definition would list (new variables, no longer asked, asked differently).
        var notes: [String] = []
    }

    /// Checks `document` as a new round's definition (a changed type of an answered variable, E447,
    /// refuses every round; variables that cannot be stored, E449), and as a re-opening of each round
    /// with answers that it may be meant for: one pinned to the same version (E445, E446 as
    /// errors), or one collecting `today` on another version (W306).
    static func check(_ document: SurveyDocument, store: any Store, database: String, today: CalendarDate) throws -> Found {
        let survey = document.survey
        var found = Found(diagnostics: try RoundOpenCommand.versionReuse(of: document, in: store))
        let asNew = try store.checkDefinition(document, reopening: nil)
        if !asNew.problems.isEmpty {
            found.diagnostics += asNew.refusal(round: "", survey: survey)?.diagnostics(database: database) ?? []
            return found
        }
        found.diagnostics += StoreError.diagnostics(
            of: asNew.incompatibilities, round: nil, survey: survey.id, locations: asNew.locations, location: survey.location)

        let rounds = try store.roundSummaries().filter { $0.round.surveyID == survey.id }
        for summary in rounds where summary.started > 0 {
            let round = summary.round
            let sameVersion = summary.definitionVersion == survey.version
            guard sameVersion || round.isCollecting(on: today) else { continue }
            let fit = try store.checkDefinition(document, reopening: round.name)
            // A changed type refuses every round, and was said once above.
            let lost = fit.incompatibilities.filter { if case .changedType = $0 { false } else { true } }
            if sameVersion {
                found.diagnostics += StoreError.diagnostics(of: lost, round: round.name, survey: survey.id, locations: fit.locations, location: survey.location)
            } else {
                found.diagnostics += lost.map { problem in
                    Diagnostic(.reopeningCollectingRoundRefused, at: .source(fit.locations[problem] ?? survey.location),
                        "round \(round.name) is collecting, until \(round.closes), with version \(summary.definitionVersion) of \(survey.id); "
                            + "re-opening it with this definition (version \(survey.version)) would be refused: \(problem.message). A new round takes the definition as it is")
                }
            }
        }

        let asked = Set(survey.variables.map(\.name))
        let notAsked = try store.variables(survey: survey.id).map(\.name).filter { !asked.contains($0) }
        let latest = rounds.map(\.round).max { ($0.opens, $0.id) < ($1.opens, $1.id) }
        let differently = try RoundOpenCommand.askedDifferently(by: survey, hash: document.contentHash, than: latest, in: store)
        found.notes = RoundOpenCommand.changes(asNew.change, of: survey, notAsked: notAsked, askedDifferently: differently)
            .map { "a new round of \(survey.id) with this definition: " + $0 }
        return found
    }
}
