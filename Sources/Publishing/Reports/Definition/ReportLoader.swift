import Diagnostics
import Foundation
import Frameworks
import YAMLReading

/// Reads a report definition and checks it against its framework, reporting every problem in one pass.
public enum ReportLoader {
    /// How the framework a report names is loaded: by default from its file, with the surveys
    /// found beside it (as `samla validate` does); `samla report` checks it against the database.
    public typealias FrameworkSource = @Sendable (String) -> FrameworkLoadResult

    public static let frameworkFromFile: FrameworkSource = { FrameworkLoader.load(contentsOf: $0) }

    /// Loads the report definition in the file at `path`.
    public static func load(contentsOf path: String, framework source: FrameworkSource = frameworkFromFile) -> ReportLoadResult {
        let parsed = YAMLDocument.read(contentsOf: path)
        guard let document = parsed.document else { return ReportLoadResult(definition: nil, framework: nil, diagnostics: parsed.diagnostics) }
        return load(document, framework: source)
    }

    /// Loads a report definition from a parsed document (`samla validate` parses first to tell the kind).
    public static func load(_ document: YAMLDocument, framework source: FrameworkSource = frameworkFromFile) -> ReportLoadResult {
        var reader = ReportReader(file: document.path)
        let read = reader.read(document.root)
        var diagnostics = reader.diagnostics
        guard let definition = read else {
            return ReportLoadResult(definition: nil, framework: nil, diagnostics: diagnostics.sorted)
        }
        let at = reader.frameworkLocation ?? SourceLocation(file: document.path, line: 1, column: 1)
        guard FileManager.default.fileExists(atPath: definition.frameworkPath) else {
            diagnostics.report(.reportFrameworkUnusable, at: at,
                               "there is no framework file at \(definition.frameworkPath); the path is read from the report's folder, e.g. ../frameworks/msi-toc.yaml")
            return ReportLoadResult(definition: nil, framework: nil, diagnostics: diagnostics.sorted)
        }
        let loaded = source(definition.frameworkPath)
        guard let framework = loaded.framework else {
            let errors = loaded.errors
            let first = errors.first.map { ": the first is \($0.description)" } ?? ""
            diagnostics.report(.reportFrameworkUnusable, at: at,
                               "the framework \(definition.frameworkPath) does not load (\(errors.count) error\(errors.count == 1 ? "" : "s")\(first))")
            diagnostics.append(contentsOf: loaded.diagnostics)
            return ReportLoadResult(definition: nil, framework: nil, diagnostics: diagnostics.sorted)
        }
        ReportChecks(framework: framework, reader: reader).check(definition, into: &diagnostics)
        return ReportLoadResult(definition: diagnostics.hasErrors ? nil : definition, framework: framework, diagnostics: diagnostics.sorted)
    }
}

/// A checked report definition with its framework, or the diagnostics that say why there is none.
public struct ReportLoadResult: Sendable {
    /// Nil when there is any error.
    public var definition: ReportDefinition?
    /// The framework the report names, when it loaded.
    public var framework: Framework?
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]

    public init(definition: ReportDefinition?, framework: Framework?, diagnostics: [Diagnostic]) {
        self.definition = definition
        self.framework = framework
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}

/// The checks of a report against its framework: language, rounds, indicators, topline rounds.
struct ReportChecks {
    let framework: Framework
    let reader: ReportReader

    func check(_ definition: ReportDefinition, into diagnostics: inout DiagnosticList) {
        if !framework.languages.contains(definition.language), let at = reader.languageLocation {
            diagnostics.report(.reportLanguageNotInFramework, at: at,
                               "the framework \(framework.id) is written in \(framework.languages.joined(separator: " and ")), not \(definition.language); write the report in one of those")
        }
        let declared = framework.rounds.map(\.name)
        for round in reader.roundLocations where framework.round(round.value) == nil {
            diagnostics.report(.unknownReportRound, at: round.location,
                               "the framework \(framework.id) declares no round '\(round.value)'\(Suggestions.didYouMean(framework.misspeltRound(round.value))); its rounds are \(declared.joined(separator: ", "))")
        }
        let ids = framework.indicators.map(\.id)
        for indicator in reader.indicatorLocations where !ids.contains(indicator.value) {
            diagnostics.report(.unknownReportIndicator, at: indicator.location,
                               "the framework \(framework.id) has no indicator '\(indicator.value)'\(Suggestions.didYouMean(indicator.value, in: ids))")
        }
        let surveyRounds = framework.rounds.filter { $0.survey != nil }.map(\.name)
        for round in reader.toplineRoundLocations {
            guard let declaredRound = framework.round(round.value) else {
                diagnostics.report(.unknownReportRound, at: round.location,
                                   "the framework \(framework.id) declares no round '\(round.value)'\(Suggestions.didYouMean(framework.misspeltRound(round.value, among: surveyRounds))); its survey rounds are \(surveyRounds.joined(separator: ", "))")
                continue
            }
            if declaredRound.survey == nil {
                diagnostics.report(.toplineRoundWithoutSurvey, at: round.location,
                                   "round \(round.value) is a reporting period without a survey, so it has no questions to show; name a survey round: \(surveyRounds.joined(separator: ", "))")
            }
        }
    }
}
