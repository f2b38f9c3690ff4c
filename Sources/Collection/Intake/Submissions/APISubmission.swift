import Crypto
import Foundation
import Responses
import Store
import SurveyDefinition

/// A complete response sent to the JSON API.
public struct APISubmission: Sendable {
    public var round: String
    /// The name of the partner system whose token sent it (``APIClients``); its idempotency keys are its own.
    public var client: String
    /// One of the survey's languages; nil means its first.
    public var language: String?
    /// The answers by variable name; nil is no answer.
    public var answers: [String: AnswerValue?]
    /// By name, each answer as the body wrote it, in JSON's notation (`99999999999999999999`, `[5]`,
    /// `true`), for the problems to show: `answers` holds what was read (1e20, `["5"]`, true).
    public var valuesAsSent: [String: String]
    public var idempotencyKey: String
    /// The body of the 201 answer, made from the new response's id; stored with the key.
    public var createdBody: @Sendable (Int64) -> String
    /// The body's bytes as sent, for ``bytesFingerprint``; nil when not at hand.
    public var sentBody: Data?

    public init(
        round: String, client: String, language: String?, answers: [String: AnswerValue?], valuesAsSent: [String: String] = [:],
        idempotencyKey: String, sentBody: Data? = nil, createdBody: @escaping @Sendable (Int64) -> String
    ) {
        self.round = round
        self.client = client
        self.language = language
        self.answers = answers
        self.valuesAsSent = valuesAsSent
        self.idempotencyKey = idempotencyKey
        self.sentBody = sentBody
        self.createdBody = createdBody
    }

    /// `problems` with each value as it was sent, not as it was read: a string's text (`"0201 0"`,
    /// `"12 000"`, not `2010`, `12000`) without the spaces around it, anything else in JSON's
    /// notation as the body wrote it (`99999999999999999999`, `[5]`, `true`, `["3", "3"]`, not
    /// `100000000000000000000`, `["5"]`, `1`, `3 3`): what the partner can find in its body, as the
    /// import shows a cell as written.
    public func showingValuesAsSent(_ problems: [AnswerProblem]) -> [AnswerProblem] {
        problems.map { problem in
            guard problem.value != nil else { return problem }
            var shown = problem
            if case .text(let text)?? = answers[problem.variable] {
                shown.value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if let sent = valuesAsSent[problem.variable] {
                shown.value = sent
            }
            return shown
        }
    }

    /// Lowercase hex SHA-256 of what the submission asks for, to tell a retry from a different
    /// request under the same key: the answers by name, each with its JSON kind, and the survey
    /// language `language` the submission resolves to. A retry whose JSON is written differently
    /// (names in another order, other spacing, `\u00e4` for `ä`), names the language otherwise
    /// (`sv-SE` for `sv`, or none for the survey's first) or leaves out a name it sent as `null`
    /// (both are no answer) is the same request. Every part is written with its length first, so
    /// that no two different submissions write the same bytes.
    public func fingerprint(language: String) -> String {
        var bytes = Data()
        func append(_ part: String) { bytes.append(contentsOf: Data("\(part.utf8.count):\(part)".utf8)) }
        append(language)
        for (name, value) in answers.sorted(by: { $0.key < $1.key }) {
            guard let value else { continue }
            append(name)
            switch value {
            case .text(let value): append("text"); append(value)
            case .integer(let value): append("integer"); append(String(value))
            case .decimal(let value): append("decimal"); append(String(value))
            case .boolean(let value): append("boolean"); append(String(value))
            case .date(let value): append("date"); append(value.description)
            case .choice(let value): append("choice"); append(value)
            case .choices(let values): append("choices"); append(String(values.count)); values.forEach(append)
            }
        }
        return SHA256.hash(data: bytes).lowercaseHex
    }
}

extension APISubmission {
    /// The fingerprint the earliest Samla versions (of schema v2 to v4) stored with an idempotency key: lowercase hex
    /// SHA-256 of the `Content-Language` as sent (or nothing), a zero byte and the body's bytes. A
    /// retry sent across an upgrade as its first request was sent matches it, and gets that
    /// request's answer instead of a conflict (E472), which would have the partner system submit
    /// the response again under a new key.
    public var bytesFingerprint: String? {
        sentBody.map { SHA256.hash(data: Data((language ?? "").utf8) + [0] + $0).lowercaseHex }
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
    /// The key's response was withdrawn by its respondent: nothing written, whatever the request.
    case withdrawn(IdempotencyRecord)
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
