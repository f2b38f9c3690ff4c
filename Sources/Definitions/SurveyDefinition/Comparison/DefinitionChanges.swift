/// What a later definition of a survey asks differently from an earlier one, variable by variable:
/// the variables it adds, those whose question it asks differently (``QuestionDifference``), and
/// those it no longer has. A variable is the same variable in both when it has the same name.
public struct DefinitionChanges: Sendable, Hashable {
    /// Variables of the later definition that the earlier one lacks, in the later's order.
    public let added: [Variable]
    /// How the later definition asks each variable whose question differs, by variable name.
    public let changed: [String: [QuestionDifference]]
    /// Variables of the earlier definition that the later one lacks, in the earlier's order.
    public let dropped: [Variable]

    public init(from earlier: Survey, to later: Survey) {
        let before = Dictionary(earlier.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(later.variables.map(\.name))
        var added: [Variable] = []
        var changed: [String: [QuestionDifference]] = [:]
        for variable in later.variables {
            guard let earlierVariable = before[variable.name] else {
                added.append(variable)
                continue
            }
            guard let asked = earlier.question(named: earlierVariable.question), let asking = later.question(named: variable.question) else { continue }
            let differences = QuestionDifference.between(asked, in: earlier, and: asking, in: later, variable: earlierVariable, variable)
            if !differences.isEmpty { changed[variable.name] = differences }
        }
        self.added = added
        self.changed = changed
        dropped = earlier.variables.filter { !names.contains($0.name) }
    }

    /// Nothing changed: the two rounds are pinned to one definition.
    public static let none = DefinitionChanges(added: [], changed: [:], dropped: [])

    private init(added: [Variable], changed: [String: [QuestionDifference]], dropped: [Variable]) {
        self.added = added
        self.changed = changed
        self.dropped = dropped
    }

    /// Whether the later definition asks every variable as the earlier one did.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && dropped.isEmpty }
}
