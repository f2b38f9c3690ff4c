import Responses
import Store
import SurveyDefinition

/// A complete response sent to the JSON API.
public struct APISubmission: Sendable {
    public var round: String
    /// One of the survey's languages; nil means its first.
    public var language: String?
    /// The answers by variable name; nil is no answer.
    public var answers: [String: AnswerValue?]
    public var idempotencyKey: String
    /// Lowercase hex SHA-256 of what was sent, to tell a retry from a different request under the same key.
    public var requestHash: String
    /// The body of the 201 answer, made from the new response's id; stored with the key.
    public var createdBody: @Sendable (Int64) -> String

    public init(
        round: String, language: String?, answers: [String: AnswerValue?], idempotencyKey: String, requestHash: String,
        createdBody: @escaping @Sendable (Int64) -> String
    ) {
        self.round = round
        self.language = language
        self.answers = answers
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.createdBody = createdBody
    }
}

/// What became of an API submission.
public enum APISubmissionOutcome: Sendable {
    /// Stored and committed.
    case created(ResponseRecord, body: String)
    /// The key was used before with the same request: its first outcome, nothing written.
    case replayed(IdempotencyRecord)
    /// The key was used before with a different request: nothing written.
    case keyConflict(IdempotencyRecord)
    /// Every problem of the answers; nothing written.
    case refused([AnswerProblem])
    case unknownRound(String, suggestion: String?)
    case unknownLanguage(String, languages: [String])
    case notCollecting(Round, RoundPhase)
}

/// What an anonymous round's start link answers: its start page (`.open`), a begun response, or why neither.
public enum AnonymousStartOutcome: Sendable {
    /// A response was begun; its resume token is the respondent's link from now on.
    case started(InvitationToken, Round)
    /// The round takes anonymous responses; none was begun (``SubmissionService/checkAnonymousStart(round:)``).
    case open(Round)
    case unknownRound(String)
    /// The round takes responses only through invitations.
    case invitationOnly(Round)
    case notCollecting(Round, RoundPhase)
}
