import Aggregation
import Frameworks
import Store

/// A framework whose cleaning rules and indicator results go into an export of one of its rounds:
/// what `samla export --framework` and the admin pages' Euclid package share.
public struct ExportFramework: Sendable {
    public let framework: Framework
    /// The file it was loaded from, as the user named it: the cleaning log and provenance cite it.
    public let source: String

    public init(framework: Framework, source: String) {
        self.framework = framework
        self.source = source
    }

    /// The framework's id (`msi-toc`).
    public var id: String { framework.id }

    /// Whether the framework declares `round` as a round of a survey, so that its rules can clean it.
    public func covers(round: String) -> Bool {
        framework.round(round)?.survey != nil
    }

    /// `options` with the framework's results for `round` (in the export's language when the
    /// framework is written in it, else its first) and the cleaning its rules did on the round.
    /// When the round's cleaning judges completeness, which reads partial responses and keeps those
    /// complete enough for the figures, the export holds partial responses too (with the `status`
    /// column), so that its rows are the ones the results were computed from.
    /// Reads the round's responses once. Throws `AggregationError` when the round does not fit the
    /// framework (not declared, of another survey, an expression its definition cannot evaluate).
    public func apply(to options: ExportOptions, round: String, store: any Store) throws -> ExportOptions {
        let language = options.language(offered: framework.languages).flatMap { framework.languages.contains($0) ? $0 : nil }
        let results = try Aggregator(framework: framework, store: store, language: language).compute(rounds: [round])
        var applied = options
        applied.results = results
        applied.weighting = ExportWeighting(framework: framework, round: round, language: results.language)
        applied.indicators = ExportIndicators(framework: framework, round: round)
        let log = results.cleaning.first { $0.round == round }
        applied.cleaning = log.map { CleaningSummary(log: $0, source: source, language: results.language) }
        if log?.entries.contains(where: { $0.rule == .completeness }) == true {
            applied.selection = .all
        }
        return applied
    }
}
