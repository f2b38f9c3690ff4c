import Aggregation
import Diagnostics
import Expressions
import Foundation
import Frameworks
import Store
import SurveyDefinition

/// Writes a report definition's HTML from the framework's results and the stored responses:
/// one self-contained file with inline CSS and SVG, no script and nothing fetched.
public struct ReportGenerator: Sendable {
    public let definition: ReportDefinition
    public let framework: Framework
    public let store: any Store
    /// The day printed on the report, and what `today()` means in expressions.
    public let today: CalendarDate
    public let samlaVersion: String

    public init(definition: ReportDefinition, framework: Framework, store: any Store, today: CalendarDate = .today(), samlaVersion: String) {
        self.definition = definition
        self.framework = framework
        self.store = store
        self.today = today
        self.samlaVersion = samlaVersion
    }

    /// The report as HTML, with warnings (rounds without data), or `ReportError.refused`.
    public func render() throws -> RenderedReport {
        var diagnostics = DiagnosticList()
        let aggregator = Aggregator(framework: framework, store: store, language: definition.language, today: today)
        let results: ResultSet? = definition.needsResults ? try compute(aggregator, rounds: definition.rounds) : nil
        var toplines: [String: (topline: Topline, cleaning: CleaningLog?)] = [:]
        for section in definition.sections {
            guard case .topline(let round, let openAnswers, let pPercent) = section, toplines[round] == nil else { continue }
            guard try store.round(named: round) != nil else {
                let suggestion = Suggestions.misspelling(of: round, in: try store.roundSummaries().map(\.round.name))
                let place = definition.toplineRoundLocations[round].map(DiagnosticLocation.source) ?? .file(definition.path)
                diagnostics.report(.unknownRound, at: place,
                                   "there is no round \(round)\(Suggestions.didYouMean(suggestion)) in the database (--db); `samla round list` shows the rounds: "
                                       + "name one of them as the topline's round, or open \(round) and import or collect its responses first\(try otherRounds(of: round))")
                continue
            }
            let cleaning = try results?.cleaning.first { $0.round == round } ?? compute(aggregator, rounds: [round]).cleaning.first { $0.round == round }
            let document = try store.pinnedDefinition(round: round)
            let rules = framework.cleaningRules(forRound: round)
            let scan = ToplineScan(
                survey: document.survey, round: round, removed: Set(cleaning?.entries.flatMap(\.removed) ?? []),
                selection: rules.minCompleteness == nil ? .complete : .all, minCell: framework.suppression.minCell,
                openAnswers: openAnswers, pPercent: pPercent ?? framework.suppression.pPercent ?? 0,
                language: definition.language, fallbacks: document.survey.languages)
            toplines[round] = (try scan.run(store: store), cleaning)
        }
        if diagnostics.hasErrors { throw ReportError.refused(diagnostics.sorted) }

        var withoutData: [String] = []
        if let results {
            diagnostics.append(contentsOf: results.warnings)
            let wanted = Set(definition.rounds ?? framework.rounds.map(\.name))
            let logged = Set(results.cleaning.map(\.round))
            // A round opened but not answered yet has a cleaning log that read nothing (and no
            // rows: the engine leaves it out); it is a round without data, like one never opened.
            let unanswered = Set(results.cleaning.filter { $0.read == 0 }.map(\.round))
            for round in framework.rounds where wanted.contains(round.name) && round.survey != nil {
                let opened = try logged.contains(round.name) || store.round(named: round.name) != nil
                if !opened || unanswered.contains(round.name) { withoutData.append(round.name) }
            }
            if !withoutData.isEmpty {
                diagnostics.report(.reportRoundsWithoutData, at: .file(definition.path),
                                   "rounds without data in the database yet: \(withoutData.joined(separator: ", ")); the report says so under its methods")
            }
        }
        let rates = try responseRates(toplines: Set(toplines.keys))
        let content = ReportContent(definition: definition, framework: framework, results: results, toplines: toplines,
                                    roundsWithoutData: withoutData, responseRates: rates,
                                    declinedInForm: try declinedInForm(rounds: rates.map(\.round)),
                                    producedOn: today, samlaVersion: samlaVersion)
        return RenderedReport(html: ReportRenderer(content: content).render(), warnings: diagnostics.warnings)
    }

    /// Renders the report and writes it to `path` (the definition's output by default), creating
    /// its folder; a path that is a folder, or under a file, is refused (E521) before the report is
    /// rendered. `option` is the command's option that gave the path, which the advice names.
    /// Returns what was written.
    @discardableResult
    public func write(to path: String? = nil, option: String = "--out") throws -> RenderedReport {
        let target = path ?? definition.outputPath
        let folder = PathText.folder(of: target)
        func refused(_ reason: String) -> ReportError {
            ReportError.refused([Diagnostic(.reportOutputUnwritable, at: .file(target), "the report cannot be written: \(reason)")])
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue {
            let example = (target as NSString).appendingPathComponent("\(definition.id).html")
            throw refused("this is a folder; the report is one file, so give a path ending in .html, e.g. \(example)")
        }
        if FileInTheWay.of(folder: folder) != nil {
            throw refused(UnwritableFolder.reason(writing: target, option: option, makesFolders: true, system: ""))
        }
        let rendered = try render()
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try OutputFile(path: target).write(Data(rendered.html.utf8))
        } catch where DiskFull.isReason(error) {
            throw ReportError.refused([Diagnostic(.outputDiskFull, at: .file(target),
                "the report cannot be written: " + DiskFull.reason(writing: target, option: option))])
        } catch {
            throw refused(UnwritableFolder.reason(writing: target, option: option, makesFolders: true, system: error.localizedDescription))
        }
        return rendered
    }

    /// For a topline round the database does not have: the rounds of its survey that the database has
    /// responses in (a later year's round, say, when the definition still names last year's).
    private func otherRounds(of round: String) throws -> String {
        guard let survey = framework.rounds.first(where: { $0.name == round })?.survey else { return "" }
        let others = try store.roundSummaries().filter { $0.round.surveyID == survey && $0.started > 0 }.map(\.round.name)
        guard !others.isEmpty else { return "" }
        let which = others.count == 1 ? "it" : "one of them"
        return "; the database has responses to survey \(survey) in \(others.joined(separator: ", ")): to report \(which), "
            + "name it as the topline's round and in the report's rounds"
    }

    /// The response rates of the report's rounds and its topline rounds that the database has.
    private func responseRates(toplines: Set<String>) throws -> [(round: String, rate: ResponseRate)] {
        let wanted = definition.rounds.map(Set.init)
        let summaries = Dictionary(try store.roundSummaries().map { ($0.round.name, $0) }) { first, _ in first }
        return framework.rounds.map(\.name).filter { wanted?.contains($0) ?? true || toplines.contains($0) }.compactMap { name in
            summaries[name].map { (name, $0.responseRate) }
        }
    }

    /// The responses of `rounds` that declined in the form, per round; a round without any is left out.
    private func declinedInForm(rounds: [String]) throws -> [String: Set<Int64>] {
        var declined: [String: Set<Int64>] = [:]
        for round in rounds {
            let ids = try store.responsesDeclinedInForm(round: round)
            if !ids.isEmpty { declined[round] = ids }
        }
        return declined
    }

    private func compute(_ aggregator: Aggregator, rounds: [String]?) throws -> ResultSet {
        do {
            return try aggregator.compute(rounds: rounds)
        } catch let error as AggregationError {
            throw ReportError.refused(error.diagnostics)
        }
    }
}

/// A rendered report: its HTML and the warnings met on the way.
public struct RenderedReport: Sendable {
    public let html: String
    public let warnings: [Diagnostic]
}
