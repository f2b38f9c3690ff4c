import Expressions
import SurveyDefinition

/// The answers of one response while it is checked: typed values index-aligned with
/// `survey.variables`, the answers that could not be coded, and after
/// ``ResponseValidator/check(_:mode:)`` the problems found and which questions are relevant.
///
/// A sheet is reusable: ``reset()`` empties it without giving its storage back, so an import
/// checks a million rows through one sheet.
public struct AnswerSheet: Sendable {
    public let validator: ResponseValidator

    /// Typed values by variable index; nil is no answer. Calculations are filled in by `check`.
    public internal(set) var values: [AnswerValue?]
    /// Problems found by the last `check`, in variable order.
    public internal(set) var problems: [AnswerProblem]
    /// By question position (`survey.questions`): whether it is shown, as found by the last `check`.
    public internal(set) var relevantQuestions: [Bool]

    /// Answers given as text that could not be coded, until `check` reports or clears them.
    var uncoded: [UncodedAnswer]
    /// Per variable: whether an answer was given that `uncoded` holds.
    var hasUncoded: [Bool]
    /// Answers given for names that are no variable of the survey, with their text.
    var unknownNames: [(name: String, text: String)] = []
    /// Per page: 0 not yet known in this check, 1 relevant, 2 not.
    var pageRelevance: [UInt8]
    /// The values as the expressions read them, slot per variable; reused from row to row.
    var context: EvaluationContext

    struct UncodedAnswer: Sendable {
        var variable: Int
        var text: String
        var kind: AnswerProblem.Kind
    }

    init(validator: ResponseValidator) {
        self.validator = validator
        values = Array(repeating: nil, count: validator.variables.count)
        problems = []
        relevantQuestions = Array(repeating: false, count: validator.questions.count)
        uncoded = []
        hasUncoded = Array(repeating: false, count: validator.variables.count)
        pageRelevance = Array(repeating: 0, count: validator.pages.count)
        context = EvaluationContext(slotCount: validator.variables.count, today: validator.today)
    }

    /// The date `today()` gives in this sheet's checks: the validator's, or the day a response is
    /// dated (a generated one's submission).
    public var today: CalendarDate {
        get { context.today }
        set { context.today = newValue }
    }

    /// Empties every answer and problem, keeping the storage.
    public mutating func reset() {
        values.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = nil }
        }
        let referenced = validator.isReferenced
        context.slots.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices where referenced[i] { buffer[i] = .empty }
        }
        problems.removeAll(keepingCapacity: true)
        unknownNames.removeAll()
        if !uncoded.isEmpty {
            for entry in uncoded { hasUncoded[entry.variable] = false }
            uncoded.removeAll(keepingCapacity: true)
        }
    }

    /// Hands over the values (after a check, to keep them) and leaves the sheet empty, without
    /// copying them: an import keeps a million rows' values this way.
    public mutating func takeValues() -> [AnswerValue?] {
        let taken = values
        values = Array(repeating: nil, count: taken.count)
        reset()
        return taken
    }

    /// The value of the variable `name`, if it has one.
    public func value(of name: String) -> AnswerValue? {
        validator.index(ofVariable: name).flatMap { values[$0] }
    }

    // MARK: Setting answers

    /// Sets variable `index` from the UTF-8 text of a cell (trimmed; empty clears it).
    @inline(__always)
    public mutating func setAnswer(bytes: UnsafeBufferPointer<UInt8>, variable index: Int) {
        store(validator.coders[index].code(bytes), text: { String(decoding: bytes, as: UTF8.self) }, variable: index)
    }

    /// Sets variables from the UTF-8 cells of one row of a file in one pass (the import's path):
    /// variable `variables[i]` from `cells[i]`, as ``setAnswer(bytes:variable:)`` would one by one.
    public mutating func setAnswers(cells: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, variables: UnsafeBufferPointer<Int>) {
        precondition(cells.count == variables.count, "one variable per cell")
        let coders = validator.coders, isCalculated = validator.isCalculated, isReferenced = validator.isReferenced
        coders.withUnsafeBufferPointer { coders in
            for i in 0..<cells.count {
                let index = variables[i], bytes = cells[i]
                // The validator holds its coders for as long as the sheet: no counting per cell.
                let coded = Unmanaged.passUnretained(coders[index])._withUnsafeGuaranteedRef { $0.code(bytes) }
                if hasUncoded[index] { dropUncoded(index) }
                if case .value(let value) = coded, !isCalculated[index] {
                    if isReferenced[index] { context.slots[index] = RuleInput.expressionValue(value) }
                    values[index] = value
                    continue
                }
                store(coded, text: { String(decoding: bytes, as: UTF8.self) }, variable: index)
            }
        }
    }

    /// Sets the multiple choice `index` from one UTF-8 cell per option of its list, in list order
    /// (a wide export's `q_option` columns): see ``AnswerCoder/code(optionCells:)``.
    public mutating func setAnswer(optionCells cells: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, variable index: Int) {
        let coder = validator.coders[index]
        let coded = coder.code(optionCells: cells)
        store(coded, text: {
            guard case .problem(.notAnOptionMark(let option)) = coded, let position = coder.choiceTable?.codes.firstIndex(of: option) else { return "" }
            return String(decoding: ByteText.trimmed(cells[position]), as: UTF8.self)
        }, variable: index)
    }

    /// Sets variable `index` from text (a form field, a CSV cell); empty clears it.
    public mutating func setAnswer(text: String, variable index: Int) {
        store(validator.coders[index].code(text), text: { text }, variable: index)
    }

    /// Sets a choice variable from the options ticked on a form.
    public mutating func setAnswer(selections: [String], variable index: Int) {
        store(validator.coders[index].code(selections: selections), text: { selections.joined(separator: " ") }, variable: index)
    }

    /// Sets variable `index` from a typed value (JSON); nil clears it.
    public mutating func setAnswer(value: AnswerValue?, variable index: Int) {
        guard let value else {
            store(.empty, text: { "" }, variable: index)
            return
        }
        let coded = validator.coders[index].check(value)
        store(coded, text: {
            if case .problem(.wrongValueType) = coded { return AnswerText.sent(value, asJSON: true) }
            return AnswerText.sent(value, asJSON: false)
        }, variable: index)
    }

    /// Sets answers keyed by variable name, as a JSON body or a stored response gives them:
    /// nil clears a variable; a name the survey does not have becomes a problem in the next check.
    public mutating func setAnswers(_ answers: [String: AnswerValue?]) {
        for (name, value) in answers.sorted(by: { $0.key < $1.key }) {
            guard let index = validator.index(ofVariable: name) else {
                unknownNames.append((name, value.map { AnswerText.sent($0, asJSON: false) } ?? ""))
                continue
            }
            setAnswer(value: value, variable: index)
        }
    }

    /// Sets answers keyed by variable name from their text (form fields, a CSV row as a dictionary).
    public mutating func setAnswers(texts: [String: String]) {
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            guard let index = validator.index(ofVariable: name) else {
                unknownNames.append((name, text))
                continue
            }
            setAnswer(text: text, variable: index)
        }
    }

    /// Sets variable `index` to `text`, refused for `kind` whatever the coder would make of it (a
    /// number typed on the form that may group thousands): no value, and the problem in the next check.
    mutating func setRefused(text: String, kind: AnswerProblem.Kind, variable index: Int) {
        store(.problem(kind), text: { text }, variable: index)
    }

    /// Clears variable `index`.
    public mutating func clear(variable index: Int) {
        store(.empty, text: { "" }, variable: index)
    }

    @inline(__always)
    private mutating func store(_ coded: CodedAnswer, text: () -> String, variable index: Int) {
        if hasUncoded[index] { dropUncoded(index) }
        if validator.isCalculated[index], coded != .empty {
            assign(index, nil)
            hasUncoded[index] = true
            uncoded.append(UncodedAnswer(variable: index, text: text(), kind: .calculatedValueGiven))
            return
        }
        switch coded {
        case .empty:
            assign(index, nil)
        case .value(let value):
            assign(index, value)
        case .problem(let kind):
            assign(index, nil)
            hasUncoded[index] = true
            uncoded.append(UncodedAnswer(variable: index, text: text(), kind: kind))
        }
    }

    /// Sets a value and its expression slot together: they never differ.
    @inline(__always)
    mutating func assign(_ index: Int, _ value: AnswerValue?) {
        values[index] = value
        if validator.isReferenced[index] { context.slots[index] = RuleInput.expressionValue(value) }
    }

    private mutating func dropUncoded(_ index: Int) {
        uncoded.removeAll { $0.variable == index }
        hasUncoded[index] = false
    }

    /// The uncoded answer of `index`, if there is one.
    func uncodedAnswer(_ index: Int) -> UncodedAnswer? {
        hasUncoded[index] ? uncoded.first { $0.variable == index } : nil
    }
}
