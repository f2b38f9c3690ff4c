import ArgumentParser
import Diagnostics
import Foundation
import Store
import SurveyDefinition

/// `samla round open SURVEY.yaml --name NAME --opens DATE --closes DATE [--anonymous]`.
struct RoundOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a round of a survey, or re-open one.",
        discussion: """
        A new round needs --opens and --closes (YYYY-MM-DD, both days included, in the local time \
        zone, TZ). Re-opening an \
        existing round keeps its dates unless given, and whether it is anonymous, and takes the definition in SURVEY.yaml if it \
        is compatible with the answers stored: new questions and choices are fine; removing a \
        question or choice that has answers, or changing an answered question's type, is refused \
        with the count of answers that would be lost. Without --anonymous a new round is \
        invitation-only (see samla invite); a round stays anonymous or invitation-only.
        """
    )

    @Argument(help: ArgumentHelp("The survey definition.", valueName: "survey.yaml"))
    var survey: String

    @Option(help: ArgumentHelp("The round's name: lowercase letters, digits and hyphens, e.g. esem-se-2025.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The first day of collection.", valueName: "YYYY-MM-DD"), transform: DateArgument.init(parsing:))
    var opens: DateArgument?

    @Option(help: ArgumentHelp("The last day of collection.", valueName: "YYYY-MM-DD"), transform: DateArgument.init(parsing:))
    var closes: DateArgument?

    @Flag(help: "Anyone with the round's start link may answer (no invitations).")
    var anonymous = false

    @OptionGroup var database: StoreOptions

    init() {}

    func validate() throws {
        guard RoundName.isValid(name) else {
            throw ValidationError("--name \(name): a round name is lowercase letters and digits in groups joined by single hyphens, e.g. esem-se-2025")
        }
    }

    func run() throws {
        try reportingRefusals(database: database.path) {
            let loaded = SurveyLoader.load(contentsOf: survey)
            guard let document = loaded.document else { throw Refused(loaded.diagnostics) }
            printDiagnostics(loaded.warnings)
            let store = try database.open(.creating)
            printDiagnostics(try Self.versionReuse(of: document, in: store))
            let opening = try store.openRound(RoundRequest(
                name: name, document: document, opens: opens?.date, closes: closes?.date, anonymous: anonymous ? true : nil))
            let stored = opening.definitionChanged ? try store.roundSummaries().first { $0.round.name == name } : nil
            let asked = Set(document.survey.variables.map(\.name))
            let notAsked = opening.created ? try store.variables(survey: document.survey.id).map(\.name).filter { !asked.contains($0) } : []
            let differently = opening.created
                ? try Self.askedDifferently(by: document.survey, hash: opening.round.definitionHash, than: try store.previousRound(before: opening.round), in: store) : nil
            for line in Self.report(opening, document: document, stored: stored, notAsked: notAsked, askedDifferently: differently) { printLine(line) }
        }
    }

    /// W443 when the database holds another text of the survey under the same version: exports,
    /// reports and `round list` name the version, so two definitions would pass for one.
    static func versionReuse(of document: SurveyDocument, in store: any Store) throws -> [Diagnostic] {
        let survey = document.survey
        guard let other = try store.definitions(survey: survey.id)
            .last(where: { $0.version == survey.version && $0.hash != document.contentHash }) else { return [] }
        return [Diagnostic(.versionReused, at: .source(survey.location(of: "version")),
            "version \(survey.version) of survey \(survey.id) is in the database already with other content (definition \(other.hash.prefix(12))); "
            + "exports, reports and `samla round list` name the version, so give the changed definition a version of its own")]
    }

    /// The line naming the questions that `survey`, a new round's definition (of content hash `hash`),
    /// asks differently from `earlier`, the survey's round before it (``DefinitionChanges``), each
    /// with what changed; nil when there is no such round, its definition no longer loads, or they
    /// ask every question alike.
    static func askedDifferently(by survey: Survey, hash: String, than earlier: Round?, in store: any Store) throws -> String? {
        guard let earlier, earlier.definitionHash != hash,
              let stored = try store.definition(hash: earlier.definitionHash),
              let before = SurveyLoader.load(text: stored.sourceText, path: "\(survey.id)@\(stored.version)").document?.survey else { return nil }
        let changed = DefinitionChanges(from: before, to: survey).changed
        var questions: [(name: String, differences: [QuestionDifference])] = []
        for variable in survey.variables {
            guard let differences = changed[variable.name] else { continue }
            if let index = questions.firstIndex(where: { $0.name == variable.question }) {
                questions[index].differences += differences.filter { !questions[index].differences.contains($0) }
            } else {
                questions.append((variable.question, differences))
            }
        }
        guard !questions.isEmpty else { return nil }
        let listed = questions.map { "\($0.name) (\($0.differences.map { $0.text("en") }.joined(separator: "; ")))" }
        return "asked differently than round \(earlier.name) (version \(stored.version)): \(listed.joined(separator: ", ")); "
            + "a change of an indicator across them is warned about (W305), and the codebook of samla export lists them (docs/rounds.md, \"The next year's round\")"
    }

    /// What the opening did; `stored` is the round's progress, to say what happens to the responses
    /// stored under the definition it replaces; `notAsked`, the variables of the survey's earlier
    /// definitions that a new round's does not ask (a question dropped or renamed); `askedDifferently`,
    /// the line of ``askedDifferently(by:hash:than:in:)``.
    static func report(_ opening: RoundOpening, document: SurveyDocument, stored: RoundSummary? = nil, notAsked: [String] = [],
                       askedDifferently: String? = nil) -> [String] {
        let round = opening.round
        let what = "survey \(round.surveyID) version \(document.survey.version) (definition \(round.definitionHash.prefix(12)))"
        let access = round.isAnonymous ? "anonymous" : "invitation-only"
        let verb = opening.created ? "opened" : opening.previousStatus == .closed ? "re-opened" : "updated"
        var lines = ["\(verb) round \(round.name): \(what), \(round.opens) to \(round.closes), \(access)"]
        let submitted = stored?.complete ?? 0
        if opening.definitionChanged, let previous = opening.previousDefinitionHash {
            var kept: [String] = []
            if submitted > 0 {
                kept.append("the \(responses(submitted, "submitted")) \(submitted == 1 ? "keeps its" : "keep their") answers as given")
            }
            let moved = opening.partialResponsesMoved
            if moved > 0 {
                kept.append("the \(responses(moved, "partial")) \(moved == 1 ? "goes" : "go") on with this definition from the next page, \(moved == 1 ? "its" : "their") answers kept")
            }
            let responsesBefore = kept.isEmpty ? "" : "; \(kept.joined(separator: ", and "))"
            lines.append("the round now uses this definition instead of \(previous.prefix(12)) for new responses\(responsesBefore)")
        }
        return lines + changes(opening.layoutChange, of: document.survey, submitted: submitted, notAsked: notAsked, askedDifferently: askedDifferently)
    }

    /// The lines of what taking `survey` changes against the survey's earlier rounds (`change` to its
    /// stored layout, the variables it no longer asks, those it asks differently), as the opening
    /// of a round lists them and `samla validate --db` notes them; `submitted`, the round's
    /// responses before, when it is re-opened.
    static func changes(_ change: LayoutChange, of survey: Survey, submitted: Int = 0, notAsked: [String], askedDifferently: String?) -> [String] {
        var lines: [String] = []
        if !change.added.isEmpty, change.added.count < survey.variables.count {
            let unanswered = submitted > 0 ? " (unanswered in the \(responses(submitted, "submitted")) before)" : ""
            lines.append("new variables: \(change.added.joined(separator: ", "))\(unanswered)")
        }
        if !notAsked.isEmpty {
            lines.append("not asked, though earlier rounds of the survey asked them: \(notAsked.joined(separator: ", ")) "
                + "(their answers stay with those rounds; an indicator that reads one is not computed for this round)")
        }
        if let askedDifferently { lines.append(askedDifferently) }
        if !change.retyped.isEmpty { lines.append("new type for unanswered variables: \(change.retyped.joined(separator: ", "))") }
        if !change.movedToPersonal.isEmpty { lines.append("now personal data, stored apart: \(change.movedToPersonal.joined(separator: ", "))") }
        if !change.movedFromPersonal.isEmpty { lines.append("no longer personal data: \(change.movedFromPersonal.joined(separator: ", "))") }
        return lines
    }

    private static func responses(_ count: Int, _ kind: String) -> String {
        count == 1 ? "1 \(kind) response" : "\(count) \(kind) responses"
    }
}
