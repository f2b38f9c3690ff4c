/// A response's record without its answers.
public struct ResponseRecord: Hashable, Sendable {
    public var id: Int64
    public var roundID: Int64
    public var definitionHash: String
    public var language: String
    public var status: ResponseStatus
    public var startedAt: Timestamp
    public var updatedAt: Timestamp
    public var submittedAt: Timestamp?
    public var source: ResponseSource
    public var invitationID: Int64?
    public var currentPage: String?
    /// The partner system whose token submitted it, for a response of ``ResponseSource/api``.
    public var apiClient: String?

    public init(
        id: Int64, roundID: Int64, definitionHash: String, language: String, status: ResponseStatus, startedAt: Timestamp,
        updatedAt: Timestamp, submittedAt: Timestamp?, source: ResponseSource, invitationID: Int64?, currentPage: String?,
        apiClient: String? = nil
    ) {
        self.apiClient = apiClient
        self.id = id
        self.roundID = roundID
        self.definitionHash = definitionHash
        self.language = language
        self.status = status
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.submittedAt = submittedAt
        self.source = source
        self.invitationID = invitationID
        self.currentPage = currentPage
    }
}
