import Diagnostics
import SurveyDefinition
import YAMLReading

/// A theory of change with its indicators: the impact, the outcomes, outputs and activities that
/// contribute to it, the rounds the indicators are measured in, and how responses are cleaned.
public struct Framework: Hashable, Sendable {
    /// A slug: `msi-toc`.
    public var id: String
    public var title: LocalizedText
    public var description: LocalizedText?
    /// Every text exists in each; the first is the default language of results.
    public var languages: [String]
    /// The rounds in time order: what baselines, targets, changes and reported values refer to.
    public var rounds: [FrameworkRound]
    /// Impact first, then outcomes, outputs and activities, each in file order.
    public var nodes: [FrameworkNode]
    public var indicators: [Indicator]
    /// Cleaning rules by survey id.
    public var cleaning: [String: CleaningRules]
    /// The default suppression thresholds; indicators may raise or lower them.
    public var suppression: SuppressionRules
    public var location: SourceLocation

    public init(
        id: String, title: LocalizedText, description: LocalizedText? = nil, languages: [String], rounds: [FrameworkRound],
        nodes: [FrameworkNode], indicators: [Indicator], cleaning: [String: CleaningRules] = [:],
        suppression: SuppressionRules = .standard, location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.languages = languages
        self.rounds = rounds
        self.nodes = nodes
        self.indicators = indicators
        self.cleaning = cleaning
        self.suppression = suppression
        self.location = location
    }

    public var impact: FrameworkNode? { nodes.first { $0.level == .impact } }

    public func node(_ id: String) -> FrameworkNode? { nodes.first { $0.id == id } }

    public func round(_ name: String) -> FrameworkRound? { rounds.first { $0.name == name } }

    /// The position of a round in time order, or nil when it is not declared.
    public func position(ofRound name: String) -> Int? { rounds.firstIndex { $0.name == name } }

    /// The surveys the indicators draw on, in order of first use.
    public var surveyIDs: [String] {
        var seen = Set<String>()
        return indicators.compactMap(\.survey).filter { seen.insert($0).inserted }
    }

    /// The cleaning rules of a round: its own, else its survey's, else none.
    public func cleaningRules(forRound name: String) -> CleaningRules {
        guard let round = round(name) else { return CleaningRules() }
        if let own = round.cleaning { return own }
        return round.survey.flatMap { cleaning[$0] } ?? CleaningRules()
    }
}

/// One round in a framework's time line: a round of a survey (`esem-se-2025`), or a reporting
/// period with no survey whose values are entered in the file (`msi-2025`).
public struct FrameworkRound: Hashable, Sendable {
    /// The round's name, as the store knows it for survey rounds.
    public var name: String
    /// The survey the round collects; nil for a reporting period.
    public var survey: String?
    public var label: LocalizedText
    /// Rules for this round only, replacing its survey's.
    public var cleaning: CleaningRules?
    public var location: SourceLocation

    public init(name: String, survey: String?, label: LocalizedText, cleaning: CleaningRules? = nil, location: SourceLocation) {
        self.name = name
        self.survey = survey
        self.label = label
        self.cleaning = cleaning
        self.location = location
    }
}

/// The level of a node in the results chain.
public enum NodeLevel: String, Hashable, Sendable, CaseIterable, Comparable {
    case activity
    case output
    case outcome
    case impact

    /// Higher levels are later in the chain: activity < output < outcome < impact.
    public static func < (lhs: NodeLevel, rhs: NodeLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The level a node of this one contributes to besides its own; nil for the impact.
    public var next: NodeLevel? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)! + 1
        return index < all.count ? all[index] : nil
    }

    /// The top-level key the nodes of this level are listed under.
    public var key: String {
        switch self {
        case .impact: "impact"
        case .outcome: "outcomes"
        case .output: "outputs"
        case .activity: "activities"
        }
    }
}

/// One node of the theory of change.
public struct FrameworkNode: Hashable, Sendable {
    public var id: String
    public var level: NodeLevel
    public var title: LocalizedText
    public var description: LocalizedText?
    /// The ids of the nodes this one contributes to (empty for the impact).
    public var contributesTo: [Located<String>]
    public var location: SourceLocation

    public init(
        id: String, level: NodeLevel, title: LocalizedText, description: LocalizedText? = nil,
        contributesTo: [Located<String>] = [], location: SourceLocation
    ) {
        self.id = id
        self.level = level
        self.title = title
        self.description = description
        self.contributesTo = contributesTo
        self.location = location
    }
}
