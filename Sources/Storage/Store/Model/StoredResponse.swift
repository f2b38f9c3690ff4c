import SurveyDefinition

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
