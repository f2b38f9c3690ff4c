import Expressions

/// One stored value of a variable. An unanswered variable has no value (`nil`), never an empty one.
public enum AnswerValue: Hashable, Sendable {
    case text(String)
    case integer(Int64)
    case decimal(Double)
    case boolean(Bool)
    case date(CalendarDate)
    /// A choice code.
    case choice(String)
    /// Choice codes, in the order of the choice list.
    case choices([String])
}
