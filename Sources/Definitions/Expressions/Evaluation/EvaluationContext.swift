/// What an evaluation reads: the values of the slots its `${…}` references were bound to, the
/// current answer (`.`), the attributes of the choice being filtered, and today's date.
///
/// Keep one context per thread and overwrite its slots row by row: evaluation then allocates nothing
/// for reading values.
public struct EvaluationContext: Sendable {
    /// Slot values, indexed as the slots given to ``CheckedExpression/compile(slots:attributeSlots:)``.
    public var slots: [Value]
    /// The answer a constraint checks.
    public var currentValue: Value
    /// The attributes of the choice a choice filter tests, indexed as its attribute slots.
    public var choiceAttributes: [Value]
    /// What `today()` gives: pinned by tests and imports.
    public var today: CalendarDate

    public init(slots: [Value], currentValue: Value = .empty, choiceAttributes: [Value] = [], today: CalendarDate) {
        self.slots = slots
        self.currentValue = currentValue
        self.choiceAttributes = choiceAttributes
        self.today = today
    }

    /// A context of `slotCount` empty slots.
    public init(slotCount: Int, today: CalendarDate) {
        self.init(slots: Array(repeating: .empty, count: slotCount), today: today)
    }
}
