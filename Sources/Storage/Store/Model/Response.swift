import SurveyDefinition

public enum ResponseStatus: String, Hashable, Sendable, CaseIterable {
    /// Begun and perhaps resumed later; not submitted.
    case partial
    /// Submitted: every required question answered, checked.
    case complete
}

/// How a response reached the store.
public enum ResponseSource: String, Hashable, Sendable, CaseIterable {
    case web
    case `import`
    case api
}

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

    public init(
        id: Int64, roundID: Int64, definitionHash: String, language: String, status: ResponseStatus, startedAt: Timestamp,
        updatedAt: Timestamp, submittedAt: Timestamp?, source: ResponseSource, invitationID: Int64?, currentPage: String?
    ) {
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

/// One response with its answers, personal ones included, keyed by variable name.
/// Unanswered variables are absent.
public struct StoredResponse: Hashable, Sendable {
    public var record: ResponseRecord
    public var answers: [String: AnswerValue]

    public init(record: ResponseRecord, answers: [String: AnswerValue]) {
        self.record = record
        self.answers = answers
    }
}

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

/// Which responses a scan reads.
public enum ResponseSelection: Hashable, Sendable {
    case complete
    /// Partial and complete: cleaning rules that judge completeness need both.
    case all
}
