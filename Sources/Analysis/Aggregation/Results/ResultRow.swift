import Frameworks

/// The group a row is about: the whole base, or one category of a breakdown variable.
public struct ResultGroup: Sendable, Hashable {
    /// The breakdown variable; nil for the total.
    public let variable: String?
    /// The category's code (`AB`, `true`); nil for the total and for "not answered".
    public let code: String?
    /// The category's label in the results language: `Stockholms län`, `Totalt`, `Uppgift saknas`.
    public let label: String
    /// The breakdown variable's question label, for headings.
    public let variableLabel: String?
    /// The code of the earlier round's group this one follows, when the earlier round's definition
    /// stored the same choice under it (``CodeRename``): a report shows the two as one group.
    public internal(set) var follows: String?

    public init(variable: String?, code: String?, label: String, variableLabel: String?) {
        self.variable = variable
        self.code = code
        self.label = label
        self.variableLabel = variableLabel
    }

    public var isTotal: Bool { variable == nil }

    /// Identifies the same group across rounds.
    var key: String { "\(variable ?? "")\u{1F}\(code ?? "\u{0}")" }

    /// The key of the group of `code` in the same breakdown.
    func key(code: String) -> String { "\(variable ?? "")\u{1F}\(code)" }
}

/// One row of the results: an indicator in one round and group.
public struct ResultRow: Sendable, Hashable {
    public let indicator: String
    public let node: String
    public let round: String
    public let group: ResultGroup
    public let outcome: CellOutcome
    /// The target for this round or the next round that has one (total rows only).
    public let target: Double?
    /// Only for published total rows of indicators with a target.
    public let status: TargetStatus?

    public init(indicator: String, node: String, round: String, group: ResultGroup, outcome: CellOutcome, target: Double?, status: TargetStatus?) {
        self.indicator = indicator
        self.node = node
        self.round = round
        self.group = group
        self.outcome = outcome
        self.target = target
        self.status = status
    }
}
