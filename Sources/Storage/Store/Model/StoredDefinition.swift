/// One version of a survey definition as stored: its full text, keyed by the text's hash.
public struct StoredDefinition: Hashable, Sendable {
    /// Lowercase hex SHA-256 of the UTF-8 text (`SurveyDocument.contentHash`).
    public var hash: String
    public var surveyID: String
    public var version: String
    public var sourceText: String
    public var addedAt: Timestamp

    public init(hash: String, surveyID: String, version: String, sourceText: String, addedAt: Timestamp) {
        self.hash = hash
        self.surveyID = surveyID
        self.version = version
        self.sourceText = sourceText
        self.addedAt = addedAt
    }
}
