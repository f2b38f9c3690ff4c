import CSV
import Store
import SurveyDefinition

/// One column of the data file as the SPSS syntax file declares it: name, input and display
/// format, measurement level, label and value labels, decided from the column's description (the
/// codebook's, ``ColumnDescription``) and what its cells held (``ColumnMeasure``).
struct SPSSVariable {
    enum Level: String {
        case nominal = "NOMINAL", ordinal = "ORDINAL", scale = "SCALE"
    }

    enum Kind: Equatable {
        /// A number: `width` characters, `decimals` digits after the mark.
        case number(width: Int, decimals: Int)
        /// A date, `yyyy-mm-dd`, read and shown as SDATE10.
        case date
        /// A string of `width` bytes.
        case string(width: Int)
    }

    let name: String
    let column: String
    let kind: Kind
    let level: Level
    /// The column's text in the export's language.
    let label: String
    /// Values and their labels: numbers as written in the data, strings as the value itself.
    let valueLabels: [(value: String, label: String)]
    /// Cells may carry the apostrophe of spreadsheet safety, which the syntax removes.
    let mayBeNeutralized: Bool
    /// A cell holds a line break, which the syntax reads from ``SPSSDataCopy`` and puts back.
    let hasLineBreak: Bool

    /// The widest number SPSS's F format takes, and the most decimals it shows.
    static let widestNumber = 40
    static let mostDecimals = 16

    init(_ description: ColumnDescription, name: String, measure: ColumnMeasure, layout: ExportLayout) {
        self.name = name
        column = description.column.name
        label = description.label(layout.language)
        let language = layout.language
        let sv = language == "sv"
        let string = Kind.string(width: max(1, measure.widestBytes))
        var valueLabels: [(value: String, label: String)] = []
        var level = Level.nominal
        var neutralized = false
        switch description.column.content {
        case .responseID:
            kind = Self.number(measure)
        case .pseudonym:
            kind = .string(width: Pseudonymizer.length)
        case .submittedAt, .apiClient, .definitionVersion:
            kind = string
            neutralized = measure.hasNeutralized
        case .language:
            kind = .string(width: layout.survey.languages.map(\.utf8.count).max() ?? 2)
        case .source:
            kind = .string(width: ResponseSource.allCases.map(\.rawValue.utf8.count).max() ?? 6)
        case .status:
            kind = .string(width: "complete".utf8.count)
        case .option:
            kind = .number(width: 1, decimals: 0)
            valueLabels = [("0", sv ? "ej vald" : "not chosen"), ("1", sv ? "vald" : "chosen")]
        case .value(let variable):
            if let bands = description.bands {
                kind = .string(width: bands.writtenCodes.map(\.utf8.count).max() ?? 1)
                valueLabels = bands.codes.indices.map { (bands.codes[$0], bands.label($0, language: language)) }
                level = .ordinal
                neutralized = bands.writtenCodes != bands.codes
                break
            }
            switch variable.type {
            case .integer, .decimal:
                kind = Self.number(measure)
                level = .scale
            case .boolean:
                kind = .number(width: 1, decimals: 0)
                let words = BooleanText.labels(language: language)
                valueLabels = [("1", words.yes), ("0", words.no)]
            case .date:
                kind = .date
                level = .scale
            case .text:
                kind = string
                neutralized = measure.hasNeutralized
            case .choice, .choices:
                let codes = description.choices.map(layout.code)
                valueLabels = zip(codes, description.choices).map { ($0, $1.label.resolved(language, fallbacks: layout.survey.languages)) }
                if codes.allSatisfy(Self.isCanonicalInteger) {
                    kind = .number(width: codes.map(\.utf8.count).max() ?? 1, decimals: 0)
                } else {
                    kind = .string(width: codes.map { FormulaNeutralization.neutralized($0).utf8.count }.max() ?? 1)
                    neutralized = codes.contains { FormulaNeutralization.isNeeded(for: $0) }
                }
            }
        }
        self.level = level
        self.valueLabels = valueLabels
        mayBeNeutralized = neutralized
        hasLineBreak = measure.hasLineBreak
    }

    /// A number's format from its cells: wide enough for the widest, with as many decimals as the
    /// most precise has (at most 16, SPSS's limit).
    private static func number(_ measure: ColumnMeasure) -> Kind {
        let decimals = min(measure.mostFractionDigits, mostDecimals)
        let width = max(1, measure.widestWhole) + (decimals > 0 ? decimals + 1 : 0)
        return .number(width: min(width, widestNumber), decimals: decimals)
    }

    /// `-12`, `0`, `7`: a code SPSS can hold as a number and give back as written (not `01`, `+1`, `1.5`).
    static func isCanonicalInteger(_ code: String) -> Bool {
        let digits = code.hasPrefix("-") ? code.dropFirst() : Substring(code)
        guard let first = digits.first, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return first != "0" || (digits.count == 1 && !code.hasPrefix("-"))
    }

    /// The format GET DATA reads the column with. Numbers are read without implied decimals (`F8.0`
    /// reads `37.5` as 37.5) and as wide as SPSS allows, shown as measured (``displayFormat``).
    var inputFormat: String {
        switch kind {
        case .number: "F\(Self.widestNumber).0"
        case .date: "SDATE10"
        case .string(let width): "A\(width)"
        }
    }

    /// The format a number is shown with, when it differs from ``inputFormat``.
    var displayFormat: String? {
        guard case .number(let width, let decimals) = kind else { return nil }
        return "F\(width).\(decimals)"
    }

    var isString: Bool {
        if case .string = kind { return true }
        return false
    }
}
