/// The per-row facts of an imported response besides its answers.
public struct ImportedResponseInfo: Hashable, Sendable {
    public var language: String
    /// When it was submitted, if the file says; else the time of the import. For a partial
    /// response, which was never submitted, the time it was last saved (begun and updated).
    public var submittedAt: Timestamp?
    /// `.complete`, or `.partial` for a response begun and not submitted.
    public var status: ResponseStatus
    /// The id of the page a partial response had reached; nil for a complete one.
    public var currentPage: String?
    /// The invitation the response answers (an unused invitation of the round), as a row of an
    /// import with its token; nil for a response without one.
    public var invitationID: Int64?

    public init(
        language: String, submittedAt: Timestamp? = nil, status: ResponseStatus = .complete, currentPage: String? = nil, invitationID: Int64? = nil
    ) {
        self.language = language
        self.submittedAt = submittedAt
        self.status = status
        self.currentPage = currentPage
        self.invitationID = invitationID
    }
}
