import Diagnostics
import SurveyDefinition

/// A report definition (`reports/NAME.yaml`): what a `samla report` run writes, from which
/// framework and rounds, in which language, as a list of typed sections.
public struct ReportDefinition: Hashable, Sendable {
    /// A slug: `msi-impact`. The default output is `output/ID.html` beside the definition.
    public var id: String
    /// The title in the report's language (other languages may be given too).
    public var title: LocalizedText
    /// Whom the results could be taken to speak for, as a phrase (`all participants in the
    /// forum`): the methods section says that unweighted results need not represent it. Nil when
    /// the definition does not say; the section then speaks of those the survey was sent to.
    public var population: LocalizedText?
    /// `sv` or `en`: every label, number and date of the report follows it.
    public var language: String
    /// The framework file, resolved against the definition's folder.
    public var frameworkPath: String
    /// The rounds covered, in the framework's time order; nil for every declared round.
    public var rounds: [String]?
    /// The HTML file written, resolved against the definition's folder.
    public var outputPath: String
    public var sections: [ReportSection]
    /// The definition file.
    public var path: String
    /// Where each topline section's round is written in the definition (the first section's, when
    /// two name one round), for messages about the round; empty for a definition not read from a file.
    public var toplineRoundLocations: [String: SourceLocation]

    public init(
        id: String, title: LocalizedText, language: String, frameworkPath: String, rounds: [String]?, outputPath: String,
        sections: [ReportSection], path: String, population: LocalizedText? = nil, toplineRoundLocations: [String: SourceLocation] = [:]
    ) {
        self.id = id
        self.title = title
        self.population = population
        self.language = language
        self.frameworkPath = frameworkPath
        self.rounds = rounds
        self.outputPath = outputPath
        self.sections = sections
        self.path = path
        self.toplineRoundLocations = toplineRoundLocations
    }

    /// Whether any section shows the framework's computed indicators.
    public var needsResults: Bool {
        sections.contains { section in
            if case .topline = section { return false }
            return true
        }
    }
}

/// One section of a report, in the order written.
public enum ReportSection: Hashable, Sendable {
    /// Every indicator's latest status against its target, at a glance.
    case summary
    /// The theory of change as a diagram, each node coloured by its indicators' status.
    case theoryOfChange
    /// Per indicator a chart and a table of estimates and intervals by round and group;
    /// `only` limits it to these indicator ids, in this order.
    case indicators(only: [String]?, breakdowns: Bool)
    /// Estimators, interval methods, suppression, the cleaning log.
    case methods
    /// Every question of a round: its wording and its answers as a frequency table or summary
    /// with a chart. `openAnswers`: how many of the most frequent free-text answers to list;
    /// `pPercent`: the p of the p % rule for the numbers' means, `nil` for the framework's
    /// (`suppression.p_percent`), 0 for none.
    case topline(round: String, openAnswers: Int, pPercent: Double? = nil)

    /// The type as written in the definition.
    public var typeName: String {
        switch self {
        case .summary: "summary"
        case .theoryOfChange: "theory_of_change"
        case .indicators: "indicators"
        case .methods: "methods"
        case .topline: "topline"
        }
    }

    public static let typeNames = ["summary", "theory_of_change", "indicators", "methods", "topline"]
}
