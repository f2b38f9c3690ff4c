import Expressions
import SurveyDefinition

/// One write of the web form or the JSON API, for ``CollectionStore/commit(_:)``.
public enum CollectionWrite: Sendable {
    /// Begins a web response in an anonymous round, reachable by its resume token.
    case beginAnonymous(AnonymousStart)
    /// Saves answers of a web response (a page, a language switch), completing it if asked.
    case savePage(PageSave)
    /// Stores a complete response (the JSON API) with its idempotency key.
    case submitComplete(CompleteSubmission)
}

/// The outcome of one ``CollectionWrite``.
public enum CollectionWriteResult: Sendable {
    /// The response as it stands after the write.
    case response(ResponseRecord)
    /// The idempotency key was used before: nothing was written, and this is its first outcome.
    case replayed(IdempotencyRecord)
}

/// A new anonymous web response.
public struct AnonymousStart: Hashable, Sendable {
    public var round: String
    public var language: String
    /// The hash of the response's resume token (`InvitationToken.hash`); the token itself is never stored.
    public var tokenHash: String
    public var today: CalendarDate

    public init(round: String, language: String, tokenHash: String, today: CalendarDate) {
        self.round = round
        self.language = language
        self.tokenHash = tokenHash
        self.today = today
    }
}

/// Answers of one web response to save.
public struct PageSave: Sendable {
    /// Which response: an existing one, or one to begin now with an unused invitation.
    public enum Target: Hashable, Sendable {
        case response(Int64)
        case invitation(Int64, round: String)
    }

    public var target: Target
    /// The variables that changed: a value, or nil to clear it.
    public var answers: [String: AnswerValue?]
    /// The page the respondent goes to next (its id).
    public var currentPage: String?
    public var language: String
    /// Marks the response complete after saving.
    public var completes: Bool
    /// Refused unless the round is collecting on this day.
    public var today: CalendarDate
    /// The epoch of the state `answers` were diffed against, when that state was kept in memory:
    /// the save is refused with ``ChangedElsewhere`` once the store has left it. Nil when the
    /// state was just read from the store.
    public var expectedEpoch: CommitEpoch?

    public init(
        target: Target, answers: [String: AnswerValue?], currentPage: String?, language: String, completes: Bool, today: CalendarDate,
        expectedEpoch: CommitEpoch? = nil
    ) {
        self.target = target
        self.answers = answers
        self.currentPage = currentPage
        self.language = language
        self.completes = completes
        self.today = today
        self.expectedEpoch = expectedEpoch
    }
}

/// A complete response from the JSON API, checked already.
public struct CompleteSubmission: Sendable {
    public var round: String
    /// The definition the answers were checked against: refused unless the round is pinned to it.
    public var definitionHash: String
    public var language: String
    public var source: ResponseSource
    /// The partner system that sent it, for ``ResponseSource/api``; the scope of its idempotency key.
    public var apiClient: String?
    /// Every answer; nil values are skipped.
    public var answers: [String: AnswerValue?]
    public var idempotency: IdempotencyClaim?
    public var today: CalendarDate

    public init(
        round: String, definitionHash: String, language: String, source: ResponseSource, apiClient: String? = nil,
        answers: [String: AnswerValue?], idempotency: IdempotencyClaim?, today: CalendarDate
    ) {
        self.apiClient = apiClient
        self.round = round
        self.definitionHash = definitionHash
        self.language = language
        self.source = source
        self.answers = answers
        self.idempotency = idempotency
        self.today = today
    }
}

/// An idempotency key and the answer to store with it, made from the new response's id.
public struct IdempotencyClaim: Sendable {
    public var key: String
    public var requestHash: String
    public var status: Int
    public var body: @Sendable (Int64) -> String

    public init(key: String, requestHash: String, status: Int, body: @escaping @Sendable (Int64) -> String) {
        self.key = key
        self.requestHash = requestHash
        self.status = status
        self.body = body
    }
}
