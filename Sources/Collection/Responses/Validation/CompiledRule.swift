import Diagnostics
import Expressions
import SurveyDefinition

/// What an expression reads while it is evaluated for one response.
struct RuleInput {
    /// The sheet's values so far, by variable index.
    let values: UnsafeMutableBufferPointer<AnswerValue?>
    /// The answer a constraint tests (`.`).
    var current: AnswerValue?
    /// The attributes of the choice a choice filter tests, by attribute slot.
    var attributes: [String?]?
    let today: CalendarDate
}

/// A survey expression compiled once, with a slot per variable, evaluated per response.
struct CompiledRule: Sendable {
    let text: String
    /// The `${…}` names it reads, in order of first use.
    let referencedNames: [String]

    /// Compiles `source`, binding `${name}` to `slots[name]` and bare names to `attributeSlots`.
    static func compile(
        _ source: ExpressionSource, slots: [String: Int], attributeSlots: [String: Int]?
    ) -> Result<CompiledRule, Diagnostic> {
        .failure(Diagnostic(.constraintFailed, at: source.location, "expressions cannot be evaluated yet: \(source.text)"))
    }

    func isTrue(_ input: RuleInput) -> Bool {
        false
    }

    func value(_ input: RuleInput, as type: VariableType) -> AnswerValue? {
        nil
    }
}
