import Diagnostics
import Estimators
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition

/// Computes a framework's indicators over the rounds in a store.
///
/// Each survey round is read once, over exactly the variables the framework needs; cleaning
/// rules and every indicator's compiled expressions run on each row in that one pass; then each
/// cell is estimated, suppressed where small, and given its change and status.
public struct Aggregator: Sendable {
    public let framework: Framework
    public let store: any Store
    /// The language of labels; the framework's first language when not given.
    public let language: String
    /// What `today()` means in expressions.
    public let today: CalendarDate

    public init(framework: Framework, store: any Store, language: String? = nil, today: CalendarDate = .today()) {
        self.framework = framework
        self.store = store
        self.language = language ?? framework.languages.first ?? "en"
        self.today = today
    }

    /// The results for `rounds` (all declared rounds when nil), or `AggregationError.refused`
    /// with diagnostics when a round or expression does not fit.
    public func compute(rounds requested: [String]? = nil) throws -> ResultSet {
        var diagnostics = DiagnosticList()
        let declared = framework.rounds.map(\.name)
        let wanted = requested ?? declared
        let surveys = framework.surveyIDs
        for name in wanted where framework.round(name) == nil {
            if let stored = try store.round(named: name), !surveys.contains(stored.surveyID) {
                // Declaring it would not help: no indicator of the framework reads that survey.
                diagnostics.report(.unknownFrameworkRound, at: .field("--round"),
                                   "round '\(name)' of the database is of survey \(stored.surveyID), which this framework does not measure "
                                   + "(its indicators read \(surveys.joined(separator: ", "))); its rounds are \(declared.joined(separator: ", "))")
            } else if let stored = try store.round(named: name) {
                // A round of the database (next year's, say): not a misspelling of a declared one.
                diagnostics.report(.unknownFrameworkRound, at: .field("--round"),
                                   "the framework declares no round '\(name)', which the database holds (survey \(stored.surveyID)): "
                                   + "add it under the framework's `rounds`, in time order: {name: \(name), survey: \(stored.surveyID), label: …}")
            } else {
                diagnostics.report(.unknownFrameworkRound, at: .field("--round"),
                                   "the framework declares no round '\(name)'\(Suggestions.didYouMean(framework.misspeltRound(name))); its rounds are \(declared.joined(separator: ", "))")
            }
        }
        if diagnostics.hasErrors { throw AggregationError.refused(diagnostics.sorted) }
        let wantedSet = Set(wanted)

        // Survey rounds to read: those asked for and, for changes, the previous round of each that
        // has responses in the database (rounds opened without any, or not opened, are passed over,
        // as when all are read).
        let responded = try respondedRounds()
        var toRead = Set<String>()
        for round in framework.rounds where wantedSet.contains(round.name) {
            guard let survey = round.survey else { continue }
            toRead.insert(round.name)
            let line = framework.rounds.filter { $0.survey == survey }.map(\.name)
            guard let at = line.firstIndex(of: round.name) else { continue }
            for earlier in line[..<at].reversed() {
                toRead.insert(earlier)
                if responded.contains(earlier) { break }
            }
        }

        var notes: [ResultNote] = []
        var computed: [String: [String: [ComputedCell]]] = [:] // indicator → round → cells
        var logs: [CleaningLog] = []
        var missing: [MissingCount] = []
        var plans: [RoundPlan] = []
        for round in framework.rounds where toRead.contains(round.name) {
            guard let surveyID = round.survey else { continue }
            let indicators = framework.indicators.filter { $0.survey == surveyID && $0.kind != .reported }
            guard !indicators.isEmpty || !framework.cleaningRules(forRound: round.name).isEmpty else { continue }
            guard let stored = try store.round(named: round.name) else {
                if wantedSet.contains(round.name) {
                    let baselines = indicators.filter { $0.baseline?.round == round.name }.map(\.id)
                    notes.append(.roundWithoutData(round: round.name, undeclared: try undeclaredRounds(of: surveyID), baselines: baselines))
                }
                continue
            }
            guard stored.surveyID == surveyID else {
                diagnostics.report(.roundOfAnotherSurvey, at: round.location,
                                   "round \(round.name) collects \(stored.surveyID) in the database, but the framework says \(surveyID)")
                continue
            }
            guard let definition = try store.definition(hash: stored.definitionHash) else {
                diagnostics.report(.unusableDatabase, at: round.location, "the definition round \(round.name) is pinned to is missing from the database")
                continue
            }
            let loaded = SurveyLoader.load(text: definition.sourceText, path: "\(surveyID)@\(definition.version)")
            guard let survey = loaded.document?.survey else {
                diagnostics.append(contentsOf: loaded.errors)
                continue
            }
            let plan = RoundPlan(framework: framework, round: round.name, survey: survey, indicators: indicators, language: language)
            if plan.diagnostics.hasErrors {
                diagnostics.append(contentsOf: plan.diagnostics.items)
                continue
            }
            if wantedSet.contains(round.name) {
                let definition = DefinitionVersion(survey: surveyID, version: survey.version)
                for (indicator, lacking) in plan.skipped {
                    notes.append(.indicatorNotComputed(indicator: indicator, round: round.name, definition: definition, lacking: lacking))
                }
            }
            plans.append(plan)
        }
        if diagnostics.hasErrors { throw AggregationError.refused(diagnostics.sorted) }
        notes = try notes.map { try namingRenamedCode($0, plans: plans) }

        for (plan, scanned) in zip(plans, try ScannedRound.scan(plans, store: store, framework: framework, language: language, today: today)) {
            let wanted = wantedSet.contains(plan.round)
            if wanted { logs.append(scanned.log) }
            guard scanned.log.read > 0 else {
                if wanted { notes.append(.roundWithoutResponses(round: plan.round, readsPartial: plan.cleaning.minCompleteness != nil)) }
                continue
            }
            guard scanned.refusals.isEmpty else {
                diagnostics.append(contentsOf: scanned.refusals)
                continue
            }
            if wanted, let rule = plan.postStratification?.rule {
                let source = rule.source?.resolved(language, fallbacks: framework.languages)
                if let calibration = rule.calibration {
                    notes.append(.roundCalibrated(
                        round: plan.round, counts: rule.margins.map(\.variable.value), totals: calibration.totals.map(\.variable.value),
                        source: source, except: plan.notWeightedToPopulation, method: calibration.method, bounds: calibration.bounds))
                } else {
                    notes.append(.roundPostStratified(
                        round: plan.round, variables: rule.margins.map(\.variable.value), source: source, except: plan.notWeightedToPopulation))
                }
            }
            for (index, compiled) in plan.indicators.enumerated() {
                computed[compiled.indicator.id, default: [:]][plan.round] = scanned.cells[index]
                if wanted {
                    let notAsked = zip(compiled.askedChecks, scanned.notAsked[index]).filter { $0.1.count > 0 }.map { check, tally in
                        MissingCount.NotAsked(question: check.question, conditions: check.texts(of: tally.hiding), count: tally.count)
                    }
                    missing.append(MissingCount(indicator: compiled.indicator.id, round: plan.round, count: scanned.missing[index], notAsked: notAsked))
                }
            }
        }

        if diagnostics.hasErrors { throw AggregationError.refused(diagnostics.sorted) }

        let definitions = Dictionary(plans.map { ($0.round, $0.survey) }, uniquingKeysWith: { first, _ in first })
        var renamed: [String: [String: [String: String]]] = [:] // "earlier→later" → variable → later code → earlier code
        func earlierCode(of group: ResultGroup, from earlier: String, to later: String) -> String? {
            guard let variable = group.variable, let code = group.code,
                  let before = definitions[earlier], let after = definitions[later] else { return nil }
            let pair = earlier + "\u{1F}" + later
            if renamed[pair] == nil { renamed[pair] = RenamedCodes.earlierCodes(from: before, to: after) }
            return renamed[pair]?[variable]?[code]
        }
        var rows: [ResultRow] = []
        for indicator in framework.indicators {
            let line = framework.timeLine(of: indicator)
            var previous: (round: String, cells: [String: CellOutcome])?
            for round in line {
                let cells: [ComputedCell]
                if indicator.kind == .reported {
                    guard let value = indicator.reportedValues.first(where: { $0.round == round })?.value else { continue }
                    cells = [ComputedCell(
                        group: ResultGroup(variable: nil, code: nil, label: language == "sv" ? "Totalt" : "Total", variableLabel: nil),
                        outcome: .published(PublishedCell(n: nil, value: value, estimate: nil)))]
                } else {
                    guard let found = computed[indicator.id]?[round] else { continue }
                    cells = found
                }
                var byGroup: [String: CellOutcome] = [:]
                var changed = false
                for cell in cells {
                    var outcome = cell.outcome
                    // A group of a code renamed since the earlier round follows the group of its earlier code.
                    var group = cell.group
                    group.follows = previous.flatMap { earlier in earlierCode(of: cell.group, from: earlier.round, to: round) }
                    let earlierKey = group.follows.map { cell.group.key(code: $0) } ?? cell.group.key
                    if case .published(var published) = outcome, let earlier = previous,
                       case .published(let before)? = earlier.cells[earlierKey] {
                        published.change = Self.change(from: before, to: published, since: earlier.round)
                        outcome = .published(published)
                        changed = true
                    }
                    byGroup[cell.group.key] = outcome
                    guard wantedSet.contains(round) else { continue }
                    let target = cell.group.isTotal ? StatusRule.target(for: indicator, round: round, timeLine: line)?.value : nil
                    let status = cell.group.isTotal ? outcome.published.flatMap {
                        StatusRule.status(of: $0.value, for: indicator, round: round, timeLine: line)
                    } : nil
                    rows.append(ResultRow(indicator: indicator.id, node: indicator.node, round: round, group: group,
                                          outcome: outcome, target: target, status: status))
                }
                if changed, wantedSet.contains(round), let earlier = previous,
                   let note = Self.questionChanged(indicator, from: earlier.round, to: round, surveys: definitions) {
                    notes.append(note)
                }
                previous = (round, byGroup)
            }
        }
        notes += try orderNotes()
        return ResultSet(framework: framework, language: language, rows: rows, cleaning: logs, missing: missing, notes: notes)
    }

    /// The rounds in the store with a response the scan reads: a complete one, or any when the
    /// round's cleaning judges completeness (and so reads partial responses too).
    /// The database's rounds of `survey`, with responses, that the framework does not declare.
    private func undeclaredRounds(of survey: String) throws -> [String] {
        let declared = Set(framework.rounds.map(\.name))
        return try store.roundSummaries()
            .filter { $0.round.surveyID == survey && !declared.contains($0.round.name) && $0.started > 0 }
            .map(\.round.name)
    }

    private func respondedRounds() throws -> Set<String> {
        Set(try store.roundSummaries().filter { summary in
            let readsPartial = framework.cleaningRules(forRound: summary.round.name).minCompleteness != nil
            return (readsPartial ? summary.started : summary.complete) > 0
        }.map(\.round.name))
    }

    /// Notes where the database's dates contradict the declared order of a survey's rounds, which
    /// changes and the paths to targets follow.
    func orderNotes() throws -> [ResultNote] {
        var notes: [ResultNote] = []
        var surveys: [String] = []
        for survey in framework.rounds.compactMap(\.survey) where !surveys.contains(survey) { surveys.append(survey) }
        for survey in surveys {
            var previous: Round?
            for declared in framework.rounds where declared.survey == survey {
                guard let stored = try store.round(named: declared.name) else { continue }
                if let earlier = previous, stored.opens < earlier.opens {
                    notes.append(.roundsOutOfOrder(round: stored.name, opens: stored.opens, earlier: earlier.name, earlierOpens: earlier.opens))
                }
                previous = stored
            }
        }
        return notes
    }

    /// `note` saying, when it is an indicator not computed for a code its round's definition
    /// lacks, that the definition holds that choice under another code (``RenamedCodes``).
    private func namingRenamedCode(_ note: ResultNote, plans: [RoundPlan]) throws -> ResultNote {
        guard case .indicatorNotComputed(let indicator, let round, let definition, .code(let unknown)) = note,
              let survey = plans.first(where: { $0.round == round })?.survey else { return note }
        let versions = try store.definitions(survey: survey.id).compactMap {
            SurveyLoader.load(text: $0.sourceText, path: "\(survey.id)@\($0.version)").document?.survey
        }
        guard let found = RenamedCodes.rename(of: unknown, in: survey, among: versions) else { return note }
        let held = found.rename.from == unknown.code ? found.rename.to : found.rename.from
        return .indicatorNotComputed(indicator: indicator, round: round, definition: definition,
                                     lacking: .renamedCode(unknown, held: held, renamedIn: DefinitionVersion(survey: found.survey.id, version: found.survey.version)))
    }

    /// The note for a change of `indicator` between two rounds whose definitions ask a question it
    /// reads differently; nil when they ask them alike.
    static func questionChanged(_ indicator: Indicator, from earlier: String, to later: String, surveys: [String: Survey]) -> ResultNote? {
        guard let before = surveys[earlier], let after = surveys[later], !indicator.comparable.contains(where: { $0.value == later }) else { return nil }
        let changes = QuestionChange.between(before, after, reading: RoundPlan.variableNames(of: indicator))
        guard !changes.isEmpty else { return nil }
        return .questionChanged(indicator: indicator.id, round: later, since: earlier,
                                from: DefinitionVersion(survey: before.id, version: before.version),
                                to: DefinitionVersion(survey: after.id, version: after.version), changes: changes)
    }

    static func change(from before: PublishedCell, to after: PublishedCell, since round: String) -> ChangeFigure {
        if let earlier = before.estimate, let later = after.estimate, let change = try? Change.between(earlier, later) {
            // Between two figures the weighting fixes, the change is known too, not estimated.
            if before.fixed != nil, after.fixed != nil {
                return ChangeFigure(since: round, value: change.value, interval: nil, method: nil, noIntervalReason: .fixedByWeighting)
            }
            return ChangeFigure(since: round, value: change.value, interval: change.interval, method: change.method,
                                noIntervalReason: change.note.map(NoIntervalReason.estimator))
        }
        let reported = before.estimate == nil && after.estimate == nil
        return ChangeFigure(since: round, value: after.value - before.value, interval: nil, method: nil,
                            noIntervalReason: reported ? .reportedValue : nil)
    }
}

/// Why a computation was refused.
public enum AggregationError: Error, Sendable {
    case refused([Diagnostic])

    public var diagnostics: [Diagnostic] {
        switch self { case .refused(let list): list }
    }
}
