import SurveyDefinition

/// What taking a new definition into a survey's stored layout does.
public struct LayoutChange: Hashable, Sendable {
    /// Variables new to the store: columns added.
    public var added: [String]
    /// Variables with no answers whose type changed: their columns were made anew.
    public var retyped: [String]
    /// Variables that became personal data (or stopped being): their answers moved table.
    public var movedToPersonal: [String]
    public var movedFromPersonal: [String]

    public init(added: [String] = [], retyped: [String] = [], movedToPersonal: [String] = [], movedFromPersonal: [String] = []) {
        self.added = added
        self.retyped = retyped
        self.movedToPersonal = movedToPersonal
        self.movedFromPersonal = movedFromPersonal
    }

    public var isEmpty: Bool { added.isEmpty && retyped.isEmpty && movedToPersonal.isEmpty && movedFromPersonal.isEmpty }
}

/// One reason a new definition cannot take over a survey's stored answers.
public enum Incompatibility: Hashable, Sendable {
    /// A variable with answers in the re-opened round is gone from the new definition.
    case removedVariable(name: String, answers: Int)
    /// A choice code that answers in the re-opened round use is no longer offered by the variable's question.
    case removedChoice(variable: String, value: String, answers: Int)
    /// A variable with answers has another type in the new definition.
    case changedType(variable: String, from: VariableType, to: VariableType, answers: Int)

    public var variable: String {
        switch self {
        case .removedVariable(let name, _): name
        case .removedChoice(let variable, _, _), .changedType(let variable, _, _, _): variable
        }
    }

    public var answers: Int {
        switch self {
        case .removedVariable(_, let n), .removedChoice(_, _, let n), .changedType(_, _, _, let n): n
        }
    }

    /// What would be lost, in one sentence.
    public var message: String {
        switch self {
        case .removedVariable(let name, let n):
            "the new definition has no variable \(name), but this round has \(answerCount(n)) to it; "
                + "those answers would be lost — keep the question (it may be hidden with relevant), or open a new round with the changed definition"
        case .removedChoice(let variable, let value, let n):
            "\(variable) no longer offers the value \(value), but \(answerCount(n)) in this round \(n == 1 ? "uses" : "use") it; "
                + "those answers would be lost — keep the choice, or open a new round with the changed definition"
        case .changedType(let variable, let from, let to, let n):
            "\(variable) changes from \(from.rawValue) to \(to.rawValue), but \(answerCount(n)) of type \(from.rawValue) "
                + "\(n == 1 ? "is" : "are") stored; give the changed question a new name instead"
        }
    }

    private func answerCount(_ n: Int) -> String { n == 1 ? "1 answer" : "\(n) answers" }
}

/// Why a survey's variables cannot be stored as columns.
public enum LayoutProblem: Hashable, Sendable {
    /// A variable named like a column every answer table has.
    case reservedName(String)
    /// Two variables whose names differ only in case (SQLite column names ignore case).
    case caseClash(String, String)
    case tooManyVariables(Int)
    /// Another survey's id maps to the same table names (`a-b` and `a_b`).
    case tableClash(otherSurvey: String)

    public var message: String {
        switch self {
        case .reservedName(let name):
            "the variable \(name) has the name of a column every answer table has (response_id, round_id); rename the question"
        case .caseClash(let a, let b):
            "the variables \(a) and \(b) differ only in upper and lower case, which the database does not tell apart; rename one"
        case .tooManyVariables(let n):
            "the survey has \(n) stored variables, more than the \(AnswerTables.maximumVariables) a table can hold; split it into two surveys"
        case .tableClash(let other):
            "the survey's answer tables would have the same names as those of survey \(other); choose another id"
        }
    }
}
