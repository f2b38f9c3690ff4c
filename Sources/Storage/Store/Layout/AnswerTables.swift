import SurveyDefinition

/// Names and column types of a survey's two answer tables: `answers_<survey>` for everything
/// but personal data, `pii_answers_<survey>` for `pii` variables. Both have one row per
/// response (`response_id`) and its `round_id`.
public struct AnswerTables: Hashable, Sendable {
    public var surveyID: String

    public init(surveyID: String) {
        self.surveyID = surveyID
    }

    /// `answers_esem_se` for survey `esem-se`.
    public var answers: String { "answers_" + suffix }
    /// `pii_answers_esem_se` for survey `esem-se`.
    public var personal: String { "pii_answers_" + suffix }

    public func table(personal: Bool) -> String { personal ? self.personal : answers }

    private var suffix: String { surveyID.replacingOccurrences(of: "-", with: "_") }

    /// Column names every answer table has besides the variables.
    public static let reservedColumns: Set<String> = Variable.reservedNames

    /// The SQLite column type of a variable: integer/boolean → INTEGER, decimal → REAL,
    /// text, choice, choices and date → TEXT.
    public static func columnType(_ type: VariableType) -> String {
        switch type {
        case .integer, .boolean: "INTEGER"
        case .decimal: "REAL"
        case .text, .choice, .choices, .date: "TEXT"
        }
    }

    /// SQLite limits a table to 2000 columns; two go to `response_id` and `round_id`.
    public static let maximumVariables = 1998
}

/// An SQL identifier in double quotes, inner quotes doubled.
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
