import Expressions
import Foundation
import GRDB
import SurveyDefinition

/// A definition's `refusal` compiled to be read from stored answers: the variables it reads, in
/// the order of its slots.
struct RefusalCondition: Sendable {
    let variables: [String]
    let expression: CompiledExpression

    /// Nil when `survey` declares no refusal, or one that does not compile (no stored definition
    /// has one: a round opens only on a definition that validates).
    init?(_ survey: Survey) {
        guard let refusal = survey.refusal else { return nil }
        let checked = CheckedExpression(refusal.text, in: SurveyScope(survey: survey), expecting: .condition)
        var variables: [String] = []
        for reference in checked.references where !variables.contains(reference.name) { variables.append(reference.name) }
        guard let expression = try? checked.compile(slots: { variables.firstIndex(of: $0) }) else { return nil }
        self.variables = variables
        self.expression = expression
    }
}

/// The refusal condition of each stored definition, read and compiled once per store: the text
/// stored under a hash never changes.
final class RefusalConditions: @unchecked Sendable {
    private let lock = NSLock()
    private var byHash: [String: RefusalCondition?] = [:]

    /// The refusal of the definition stored as `hash`, if it declares one.
    func condition(definition hash: String, _ db: Database) throws -> RefusalCondition? {
        if let known = lock.withLock({ byHash[hash] }) { return known }
        let source = try String.fetchOne(db, sql: "SELECT source FROM definitions WHERE hash = ?", arguments: [hash])
        let condition = source.flatMap { SurveyLoader.load(text: $0, path: "definition").document?.survey }.flatMap(RefusalCondition.init)
        lock.withLock { byHash[hash] = condition }
        return condition
    }
}
