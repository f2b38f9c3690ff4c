import SurveyDefinition

/// One column of the wide data file (and one possible `variable` of the long one).
public struct ExportColumn: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        /// The response's number in the database.
        case responseID
        /// The response's pseudonym in a partner export (`R-` and 12 base32 characters).
        case pseudonym
        /// The language the respondent answered in.
        case language
        /// When the response was submitted (UTC, ISO 8601).
        case submittedAt
        /// How the response was collected: `web`, `import` or `api`.
        case source
        /// The partner system that submitted an API response; empty for the others.
        case apiClient
        /// The version of the definition the response was answered under, when the exported
        /// responses were answered under more than one.
        case definitionVersion
        /// `complete` or `partial`, when partial responses are exported.
        case status
        /// A variable's value.
        case value(Variable)
        /// Whether one option of a multiple-choice variable was chosen: 1, 0, or empty when unanswered.
        case option(Variable, Choice)
    }

    /// The header name.
    public var name: String
    public var content: Content
    /// The position of the column's variable in ``ExportLayout/variables`` (the scan's order).
    public var variableIndex: Int?
    /// The column's name in a partner export (`export_as`, `EXPORT_row`, `EXPORT_option`), if it has one.
    public var exportName: String?

    public init(name: String, content: Content, variableIndex: Int? = nil) {
        self.name = name
        self.content = content
        self.variableIndex = variableIndex
    }

    /// The variable whose value the column holds, if any.
    public var variable: Variable? {
        switch content {
        case .value(let variable), .option(let variable, _): variable
        default: nil
        }
    }

    /// The name of a metadata column (before any clash with a variable's name).
    static func metadataName(_ content: Content) -> String {
        switch content {
        case .responseID: "response_id"
        case .pseudonym: "respondent_id"
        case .language: "language"
        case .submittedAt: "submitted_at"
        case .source: "source"
        case .apiClient: "api_client"
        case .definitionVersion: "definition_version"
        case .status: "status"
        case .value, .option: preconditionFailure("not a metadata column")
        }
    }
}
