/// A response to begin: on the web or through the API, before its first answers.
public struct NewResponse: Hashable, Sendable {
    public var round: String
    public var language: String
    public var source: ResponseSource
    /// The invitation whose token began it; the store marks the invitation used.
    public var invitationID: Int64?
    /// The page the respondent is on.
    public var currentPage: String?

    public init(round: String, language: String, source: ResponseSource, invitationID: Int64? = nil, currentPage: String? = nil) {
        self.round = round
        self.language = language
        self.source = source
        self.invitationID = invitationID
        self.currentPage = currentPage
    }
}
