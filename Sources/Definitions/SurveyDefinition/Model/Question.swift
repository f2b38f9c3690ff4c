import Diagnostics

/// The question types of the definition format.
public enum QuestionType: String, CaseIterable, Hashable, Sendable {
    case text
    case longText = "long_text"
    case integer
    case decimal
    case selectOne = "select_one"
    case selectMultiple = "select_multiple"
    case boolean
    case date
    case email
    case matrix
    case note
    case calculate

    /// Types that take a `choices` list.
    public var usesChoices: Bool { self == .selectOne || self == .selectMultiple || self == .matrix }
    /// Types a respondent answers (not `note`, not `calculate`).
    public var isAnswered: Bool { self != .note && self != .calculate }
}

/// One row of a matrix question: asked like a `select_one` over the matrix's choice list,
/// stored as the variable `question_row`.
public struct MatrixRow: Hashable, Sendable {
    public var name: String
    public var label: LocalizedText
    public var location: SourceLocation

    public init(name: String, label: LocalizedText, location: SourceLocation) {
        self.name = name
        self.label = label
        self.location = location
    }
}

/// A question as defined, with every optional property of the format.
public struct Question: Hashable, Sendable {
    public var name: String
    public var type: QuestionType
    public var label: LocalizedText?
    public var hint: LocalizedText?
    public var required: Bool
    /// Shown (and stored) only when this is true; absent means always relevant.
    public var relevant: ExpressionSource?
    /// Must be true of an answer (`.` is the answer) for it to be accepted.
    public var constraint: ExpressionSource?
    public var constraintMessage: LocalizedText?
    /// The formula of a `calculate` question.
    public var calculation: ExpressionSource?
    /// A static starting value, written as an answer would be in a CSV cell.
    public var defaultValue: String?
    /// The name of the choice list of a `select_one`, `select_multiple` or `matrix`.
    public var choiceList: String?
    /// Which choices to offer: evaluated per choice, whose attributes are bare names.
    public var choiceFilter: ExpressionSource?
    /// Adds the option `other` and a free-text variable `name_other`, relevant when it is chosen.
    public var allowsOther: Bool
    /// Personal data: stored apart, never in a partner export.
    public var isPII: Bool
    /// Describes the organisation in a way others can know too (legal form, founding year, sector,
    /// size): a partner export protects the combinations of these by local suppression (k-anonymity).
    public var isQuasiIdentifier: Bool
    /// `export_bands` of an integer or decimal quasi-identifier: the lower limits, strictly
    /// increasing, of the bands a partner export writes instead of the exact number.
    public var exportBands: [Double]?
    /// The variable's name in the partners' common codebook.
    public var exportAs: String?
    public var unit: String?
    /// The rows of a `matrix`.
    public var rows: [MatrixRow]
    /// The value type of a `calculate`, found by type checking its calculation.
    public var calculationType: VariableType?
    public var location: SourceLocation
    /// Where the value of each key was written (`choices`, `export_as`, `default`…), by key,
    /// so that checks after loading can point at it.
    public var keyLocations: [String: SourceLocation]

    public init(
        name: String, type: QuestionType, label: LocalizedText? = nil, hint: LocalizedText? = nil,
        required: Bool = false, relevant: ExpressionSource? = nil, constraint: ExpressionSource? = nil,
        constraintMessage: LocalizedText? = nil, calculation: ExpressionSource? = nil, defaultValue: String? = nil,
        choiceList: String? = nil, choiceFilter: ExpressionSource? = nil, allowsOther: Bool = false,
        isPII: Bool = false, isQuasiIdentifier: Bool = false, exportBands: [Double]? = nil, exportAs: String? = nil, unit: String? = nil,
        rows: [MatrixRow] = [],
        calculationType: VariableType? = nil, location: SourceLocation, keyLocations: [String: SourceLocation] = [:]
    ) {
        self.name = name
        self.type = type
        self.label = label
        self.hint = hint
        self.required = required
        self.relevant = relevant
        self.constraint = constraint
        self.constraintMessage = constraintMessage
        self.calculation = calculation
        self.defaultValue = defaultValue
        self.choiceList = choiceList
        self.choiceFilter = choiceFilter
        self.allowsOther = allowsOther
        self.isPII = isPII
        self.isQuasiIdentifier = isQuasiIdentifier
        self.exportBands = exportBands
        self.exportAs = exportAs
        self.unit = unit
        self.rows = rows
        self.calculationType = calculationType
        self.location = location
        self.keyLocations = keyLocations
    }

    /// Where the value of `key` was written, else where the question starts.
    public func location(of key: String) -> SourceLocation { keyLocations[key] ?? location }

    /// The name of the free-text variable that `other: true` adds.
    public var otherVariableName: String { "\(name)_other" }

    /// The name of the variable that stores one matrix row.
    public func variableName(forRow row: String) -> String { "\(name)_\(row)" }

    /// Why `${name}` of this question has no value, for a note or a matrix; nil for any other type.
    public var whyNoValue: String? {
        switch type {
        case .note:
            return "${\(name)} is a note, which shows text and has no value; refer to a question that is answered"
        case .matrix:
            let example = rows.first.map { " such as ${\(variableName(forRow: $0.name))}" } ?? ""
            return "${\(name)} is a matrix, which stores one answer per row; refer to a row\(example)"
        default:
            return nil
        }
    }
}
