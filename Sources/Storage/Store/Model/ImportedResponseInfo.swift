/// The per-row facts of an imported response besides its answers.
public struct ImportedResponseInfo: Hashable, Sendable {
    public var language: String
    /// When it was submitted, if the file says; else the time of the import.
    public var submittedAt: Timestamp?

    public init(language: String, submittedAt: Timestamp? = nil) {
        self.language = language
        self.submittedAt = submittedAt
    }
}
