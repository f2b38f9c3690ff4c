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

    /// The declared round (of `candidates`, when given) that `name`, undeclared, is likely a
    /// misspelling of: the closest, of those that differ from it in more than their number
    /// (`esem-se-2028` is no misspelling of `esem-se-2022`, but another year: a round to declare).
    public func misspeltRound(_ name: String, among candidates: [String]? = nil) -> String? {
        Suggestions.misspelling(of: name, in: candidates ?? rounds.map(\.name))
    }

    /// What to do about `name`, a round the framework does not declare, to follow a message: the
    /// declared round it may be a misspelling of, and to declare it; or, when declared rounds differ
    /// from it only in their number (next year's round), which they are and how to declare it.
    public func undeclaredRoundAdvice(_ name: String) -> String {
        let series = rounds.filter { Suggestions.isOtherNumber(name, of: $0.name) }
        let misspelt = misspeltRound(name)
        guard misspelt == nil, let last = series.last else { return "\(Suggestions.didYouMean(misspelt)); add it under `rounds`" }
        let nearest = Suggestions.closest(to: name, in: series.map(\.name)).flatMap(round) ?? last
        let survey = nearest.survey.map { "survey: \($0), " } ?? ""
        let names = series.map(\.name)
        let declared = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + last.name
        return " (it declares \(declared)); a new round must be declared before a value names it: "
            + "add it under `rounds`, in time order: {name: \(name), \(survey)label: …}"
    }

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
    /// Population counts (or, with `calibrate`, counts and totals) its survey-based estimates are
    /// weighted to.
    public var poststratify: PostStratificationRule?
    public var location: SourceLocation

    public init(
        name: String, survey: String?, label: LocalizedText, cleaning: CleaningRules? = nil,
        poststratify: PostStratificationRule? = nil, location: SourceLocation
    ) {
        self.name = name
        self.survey = survey
        self.label = label
        self.cleaning = cleaning
        self.poststratify = poststratify
        self.location = location
    }
}

/// A round's weighting to known population figures (from a register): post-stratification on one
/// variable, raking to several margins, each the counts of one categorical variable
/// (`poststratify`), or calibration to the population's size, margins and numeric totals
/// (`calibrate`).
public struct PostStratificationRule: Hashable, Sendable {
    /// One margin: post-stratification; several: raking to all of them, in this order. With
    /// `calibration`, the categorical variables calibrated to (none, one or several).
    public var margins: [PopulationMargin]
    /// Where the counts come from, shown with the results.
    public var source: LocalizedText?
    /// Where `poststratify` or `calibrate` is written.
    public var location: SourceLocation
    /// The population's size and numeric totals of a round written with `calibrate`; nil for
    /// post-stratification and raking.
    public var calibration: CalibrationRule?

    public init(margins: [PopulationMargin], source: LocalizedText? = nil, location: SourceLocation, calibration: CalibrationRule? = nil) {
        self.margins = margins
        self.source = source
        self.location = location
        self.calibration = calibration
    }

    /// Post-stratification on one variable, written `{variable, counts, source}`.
    public init(variable: Located<String>, counts: [PopulationCount], source: LocalizedText? = nil, location: SourceLocation) {
        self.init(margins: [PopulationMargin(variable: variable, counts: counts, location: location)], source: source, location: location)
    }

    /// Whether the weights are raked: more than one margin, not calibrated.
    public var isRaking: Bool { margins.count > 1 && calibration == nil }

    /// The key the rule is written under: `poststratify` or `calibrate`.
    public var key: String { calibration == nil ? "poststratify" : "calibrate" }

    /// What the weighting is called in messages: post-stratification, raking or calibration.
    public var method: String { calibration != nil ? "calibration" : isRaking ? "raking" : "post-stratification" }
}

/// Calibration's targets besides the margins' counts, and how the weights are calibrated to them (`calibrate`).
public struct CalibrationRule: Hashable, Sendable {
    /// The population's size: `population`, or the sum of each margin's counts.
    public var population: Double
    /// In file order.
    public var totals: [PopulationTotal]
    /// `method`: linear (the default), raking or logit.
    public var method: CalibrationMethodName
    /// `bounds: [lower, upper]`: the range of each calibrated weight's ratio to its base weight; nil
    /// for none (required with logit).
    public var bounds: CalibrationRatioBounds?

    public init(population: Double, totals: [PopulationTotal] = [], method: CalibrationMethodName = .linear, bounds: CalibrationRatioBounds? = nil) {
        self.population = population
        self.totals = totals
        self.method = method
        self.bounds = bounds
    }
}

/// The calibration methods `calibrate`'s `method` names, R's `calfun`.
public enum CalibrationMethodName: String, Hashable, Sendable, CaseIterable {
    /// Linear calibration (the GREG estimator; iterated when bounded).
    case linear
    /// The exponential distance: every weight stays above 0.
    case raking
    /// A logistic curve between the bounds.
    case logit
}

/// `bounds: [lower, upper]` of `calibrate`: 0 ≤ lower < 1 < upper.
public struct CalibrationRatioBounds: Hashable, Sendable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The bounds as written in messages and reports: `0.5` and `2`, never `2.0`.
    public var written: (lower: String, upper: String) {
        (NumberFormatting.plain(lower), NumberFormatting.plain(upper))
    }

    /// The bounds as a Swedish or English text writes them: `0,5` and `2` in Swedish, as ``written`` otherwise.
    public func written(swedish: Bool) -> (lower: String, upper: String) {
        let (lower, upper) = written
        return swedish ? (lower.replacingOccurrences(of: ".", with: ","), upper.replacingOccurrences(of: ".", with: ",")) : (lower, upper)
    }
}

/// The population total of one numeric variable (`calibrate: {totals: {fte: 23000}}`).
public struct PopulationTotal: Hashable, Sendable {
    /// An integer or decimal variable of the round's survey, where it is written.
    public var variable: Located<String>
    public var total: Double

    public init(variable: Located<String>, total: Double) {
        self.variable = variable
        self.total = total
    }
}

/// The population count of each code of one categorical variable.
public struct PopulationMargin: Hashable, Sendable {
    /// A select_one or calculated text of the round's survey.
    public var variable: Located<String>
    /// In file order.
    public var counts: [PopulationCount]
    /// Where the margin is written (the whole `poststratify` in its one-variable form).
    public var location: SourceLocation

    public init(variable: Located<String>, counts: [PopulationCount], location: SourceLocation) {
        self.variable = variable
        self.counts = counts
        self.location = location
    }

    /// The count of each code.
    public var countByCode: [String: Double] {
        Dictionary(counts.map { ($0.code.value, $0.count) }, uniquingKeysWith: { first, _ in first })
    }

    /// The sum of the counts: the population's size.
    public var total: Double { counts.reduce(0) { $0 + $1.count } }
}

/// The population count of one code of a post-stratification variable.
public struct PopulationCount: Hashable, Sendable {
    /// The code, where it is written (the key under `counts`).
    public var code: Located<String>
    public var count: Double

    public init(code: Located<String>, count: Double) {
        self.code = code
        self.count = count
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
