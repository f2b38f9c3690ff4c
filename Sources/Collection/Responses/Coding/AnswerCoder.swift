import CSV
import Expressions
import SurveyDefinition

/// The outcome of coding one answer: nothing, a typed value, or why the text is refused.
public enum CodedAnswer: Hashable, Sendable {
    case empty
    case value(AnswerValue)
    case problem(AnswerProblem.Kind)
}

/// Turns the text of one answer (a CSV cell, a form field) into the `AnswerValue` of its
/// variable, by the rules of its type. Surrounding spaces, tabs and line breaks are dropped
/// from every answer; what is left empty is no answer.
///
/// - text, long_text, `other` texts: kept as written (inside spaces and line breaks too), each
///   line break as one LF: a browser posts a text area's as CR LF, a file may hold either, and the
///   same answer is stored alike whichever way it came (``LineBreaks``).
/// - email: a text that passes ``EmailCoding``.
/// - integer, decimal: see ``NumberCoding`` (`12`, `-3`; `3.5` or `3,5`).
/// - boolean: `1/0`, `true/false`, `yes/no`, `ja/nej`, `sant/falskt`, any letter case.
/// - date: ISO `YYYY-MM-DD` only, a real calendar day.
/// - select_one, matrix row: exactly one code of the list.
/// - select_multiple: codes separated by spaces, in any order, each at most once;
///   stored in list order.
/// Choice filters are not applied here (they depend on other answers): see ``ResponseValidator``.
/// A class, so that the import's hot path reads a coder without copying it.
public final class AnswerCoder: Sendable {
    enum Rule: Sendable {
        case text
        case email
        case integer
        case decimal
        case boolean
        case date
        /// One code of ``AnswerCoder/choiceTable``.
        case choice
        /// Codes of ``AnswerCoder/choiceTable``.
        case choices
    }

    public let variable: Variable
    let rule: Rule
    /// The codes of a `choice` or `choices` variable, else nil.
    public let choiceTable: ChoiceCodeTable?
    /// ``choiceTable`` read without reference counting on the hot path; `choiceTable` keeps it alive.
    private unowned(unsafe) let table: ChoiceCodeTable?

    /// The coder of `variable`, a variable of `survey`.
    public init(variable: Variable, in survey: Survey) {
        self.variable = variable
        let question = survey.question(named: variable.question)
        func table() -> ChoiceCodeTable {
            let choices = question.map { survey.choices(for: $0) }
                ?? variable.choiceList.flatMap { survey.choiceList(named: $0)?.choices } ?? []
            return ChoiceCodeTable(listName: variable.choiceList ?? question?.choiceList ?? "", choices: choices)
        }
        switch variable.type {
        case .text: rule = (question?.type == .email && variable.role == .answer) ? .email : .text
        case .integer: rule = .integer
        case .decimal: rule = .decimal
        case .boolean: rule = .boolean
        case .date: rule = .date
        case .choice: rule = .choice
        case .choices: rule = .choices
        }
        choiceTable = variable.type == .choice || variable.type == .choices ? table() : nil
        self.table = choiceTable
    }

    // MARK: Text

    /// Codes the answer `text`.
    public func code(_ text: String) -> CodedAnswer {
        var text = text
        return text.withUTF8 { code($0) }
    }

    /// Codes the answer spelt by the UTF-8 `bytes` (valid UTF-8 is assumed).
    public func code(_ raw: UnsafeBufferPointer<UInt8>) -> CodedAnswer {
        let bytes = ByteText.trimmed(raw)
        if bytes.isEmpty { return .empty }
        switch rule {
        case .text:
            if let control = ByteText.firstControl(bytes) {
                return .problem(.controlCharacter(scalar: control.scalar, position: control.position))
            }
            return .value(.text(LineBreaks.normalized(bytes)))
        case .email:
            return EmailCoding.isValid(bytes) ? .value(.text(ByteText.string(bytes))) : .problem(.notAnEmail)
        case .integer:
            switch NumberCoding.integer(bytes) {
            case .integer(let v): return .value(.integer(v))
            case .notAWholeNumber: return .problem(.notAWholeNumber)
            case .outOfRange: return .problem(.numberOutOfRange(wholeNumber: true))
            default: return .problem(.notANumber(wholeNumber: true))
            }
        case .decimal:
            switch NumberCoding.decimal(bytes) {
            case .decimal(let v): return .value(.decimal(v))
            case .outOfRange: return .problem(.numberOutOfRange(wholeNumber: false))
            default: return .problem(.notANumber(wholeNumber: false))
            }
        case .boolean:
            return BooleanCoding.boolean(bytes).map { .value(.boolean($0)) } ?? .problem(.notABoolean)
        case .date:
            guard let date = ByteText.date(bytes) else { return .problem(.notADate(readings: DateReadings.of(ByteText.string(bytes)))) }
            return .value(.date(date))
        case .choice:
            let table = self.table.unsafelyUnwrapped
            if let i = table.position(of: bytes) ?? table.position(ofNeutralized: bytes) { return .value(.choice(table.code(at: i))) }
            if bytes.contains(where: ByteText.isSpace), case .value = codeChoices(bytes, table) {
                return .problem(.severalChoices)
            }
            return notAChoice(ByteText.string(bytes), table)
        case .choices:
            return codeChoices(bytes, self.table.unsafelyUnwrapped)
        }
    }

    /// Codes a space-separated list of codes into list order.
    private func codeChoices(_ bytes: UnsafeBufferPointer<UInt8>, _ table: ChoiceCodeTable) -> CodedAnswer {
        var chosen = ChosenSet(count: table.count)
        var start = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || ByteText.isSpace(bytes[i]) {
                if i > start {
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    guard let position = table.position(of: word) ?? table.position(ofNeutralized: word) else {
                        // `3, 8` splits at its space into `3,` and `8`: suggest from the whole cell first.
                        let text = ByteText.string(word)
                        if let spaced = table.spacedSuggestion(for: ByteText.string(bytes)) ?? table.spacedSuggestion(for: text) {
                            return .problem(.notAChoice(list: table.listName, suggestion: spaced, codes: table.codes))
                        }
                        return notAChoice(text, table)
                    }
                    if !chosen.insert(position) { return .problem(.duplicateChoice(code: table.codes[position])) }
                }
                start = i + 1
            }
            i += 1
        }
        return .value(.choices(chosen.codes(table)))
    }

    private func notAChoice(_ text: String, _ table: ChoiceCodeTable) -> CodedAnswer {
        .problem(.notAChoice(list: table.listName, suggestion: table.suggestion(for: text), codes: table.codes))
    }

    // MARK: Form selections and typed values

    /// Codes the boxes ticked on a form for a multiple-choice variable (or the one option
    /// picked for a single choice): each must be a code, each at most once.
    public func code(selections: [String]) -> CodedAnswer {
        guard case .choices = rule else {
            let picked = selections.filter { !Self.isBlank($0) }
            if picked.isEmpty { return .empty }
            if picked.count > 1 { return .problem(.severalChoices) }
            return code(picked[0])
        }
        let table = self.table.unsafelyUnwrapped
        var chosen = ChosenSet(count: table.count)
        var anyPicked = false
        for selection in selections {
            var selection = selection
            let problem: CodedAnswer? = selection.withUTF8 { raw in
                let bytes = ByteText.trimmed(raw)
                if bytes.isEmpty { return nil }
                anyPicked = true
                guard let position = table.position(of: bytes) else { return notAChoice(ByteText.string(bytes), table) }
                return chosen.insert(position) ? nil : .problem(.duplicateChoice(code: table.code(at: position)))
            }
            if let problem { return problem }
        }
        return anyPicked ? .value(.choices(chosen.codes(table))) : .empty
    }

    /// Codes a multiple choice spread over one cell per option, as a wide export writes it
    /// (`q_option`): `cells[i]` says whether the list's i-th code is chosen, `1` for chosen, `0` or
    /// nothing for not. The answer is the codes marked 1; with none (every cell empty or 0) there is
    /// no answer, as on a form with no box ticked. A cell holding anything else is refused, naming its option.
    public func code(optionCells cells: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) -> CodedAnswer {
        let table = self.table.unsafelyUnwrapped
        precondition(cells.count == table.count, "one cell per option of the list")
        var chosen = ChosenSet(count: table.count)
        var anyChosen = false
        for position in 0..<cells.count {
            let bytes = ByteText.trimmed(cells[position])
            if bytes.isEmpty { continue }
            guard bytes.count == 1, bytes[0] == UInt8(ascii: "1") || bytes[0] == UInt8(ascii: "0") else {
                return .problem(.notAnOptionMark(option: table.code(at: position)))
            }
            if bytes[0] == UInt8(ascii: "1") {
                _ = chosen.insert(position)
                anyChosen = true
            }
        }
        return anyChosen ? .value(.choices(chosen.codes(table))) : .empty
    }

    /// Whether `text` is nothing but spaces, tabs and line breaks.
    private static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy(ByteText.isSpace)
    }

    /// Checks a value that arrived already typed (JSON), normalising what is unambiguous:
    /// a whole `decimal` for an integer, an `integer` for a decimal, a text in the answer's
    /// text form, a whole number for a code (`3` for the single choice `"3"`, or the selection
    /// `["3"]`), codes into list order.
    public func check(_ value: AnswerValue) -> CodedAnswer {
        if case .text(let text) = value, !isTextRule { return code(text) }
        switch (rule, value) {
        case (.text, .text(let s)):
            // Already as coding would leave it (a stored answer): kept without a copy.
            if let first = s.utf8.first, let last = s.utf8.last, !ByteText.isSpace(first), !ByteText.isSpace(last),
               !ByteText.hasControl(s), !s.utf8.contains(LineBreaks.carriageReturn) {
                return .value(value)
            }
            return code(s)
        case (.email, .text(let s)):
            return code(s)
        case (.integer, .integer):
            return .value(value)
        case (.integer, .decimal(let d)):
            guard d.isFinite, d.rounded() == d else { return .problem(.notAWholeNumber) }
            guard let i = Int64(exactly: d) else { return .problem(.numberOutOfRange(wholeNumber: true)) }
            return .value(.integer(i))
        case (.decimal, .decimal(let d)):
            // Read as its text in a CSV cell is, so that a JSON number is held to the same 15
            // significant digits as a typed one and the stored value exports and imports again.
            return d.isFinite ? code(DecimalCell.text(d)) : .problem(.notANumber(wholeNumber: false))
        case (.decimal, .integer(let i)):
            return code(String(i))
        case (.boolean, .boolean):
            return .value(value)
        case (.boolean, .integer(let i)) where i == 0 || i == 1:
            return .value(.boolean(i == 1))
        case (.date, .date):
            return .value(value)
        case (.choice, .choice(let c)):
            return code(c)
        case (.choice, .integer(let i)):
            return code(String(i))
        case (.choices, .choices(let codes)):
            return code(selections: codes)
        case (.choices, .choice(let c)):
            return code(selections: [c])
        case (.choices, .integer(let i)):
            // A number for a one-code selection, as a number for a single choice: `3` is `["3"]`.
            return code(selections: [String(i)])
        default:
            return .problem(.wrongValueType(expected: variable.type))
        }
    }

    private var isTextRule: Bool {
        switch rule {
        case .text, .email: true
        default: false
        }
    }
}

/// Which codes of a list are chosen, by position.
struct ChosenSet {
    private var small: UInt64 = 0
    private var large: [Bool]

    init(count: Int) {
        large = count > 64 ? Array(repeating: false, count: count) : []
    }

    /// False when the position was already chosen.
    mutating func insert(_ position: Int) -> Bool {
        if large.isEmpty {
            let bit = UInt64(1) << UInt64(position)
            if small & bit != 0 { return false }
            small |= bit
            return true
        }
        if large[position] { return false }
        large[position] = true
        return true
    }

    func codes(_ table: ChoiceCodeTable) -> [String] {
        var result: [String] = []
        if large.isEmpty {
            result.reserveCapacity(small.nonzeroBitCount)
            var bits = small
            while bits != 0 {
                let i = bits.trailingZeroBitCount
                result.append(table.code(at: i))
                bits &= bits - 1
            }
        } else {
            for (i, chosen) in large.enumerated() where chosen { result.append(table.codes[i]) }
        }
        return result
    }
}
