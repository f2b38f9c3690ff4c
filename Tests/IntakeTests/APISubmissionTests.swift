import SurveyDefinition
import Testing
@testable import Intake

/// What makes two API submissions the same request under one idempotency key.
@Suite struct APISubmissionTests {
    func submission(_ answers: [String: AnswerValue?]) -> APISubmission {
        APISubmission(round: "r", client: "api", language: nil, answers: answers, idempotencyKey: "k", createdBody: { "\($0)" })
    }

    @Test func aNameSentAsNullIsTheSameAsOneLeftOut() {
        let sent = submission(["a": .integer(3), "b": nil])
        let left = submission(["a": .integer(3)])
        #expect(sent.fingerprint(language: "sv") == left.fingerprint(language: "sv"))
        #expect(sent.fingerprint(language: "sv") != sent.fingerprint(language: "en"))
        #expect(submission(["a": .integer(4)]).fingerprint(language: "sv") != left.fingerprint(language: "sv"))
    }

    @Test func partsCannotRunIntoEachOther() {
        // Without the lengths, these wrote the same bytes: a code holding the separator, or a text
        // ending where the next name begins.
        #expect(submission(["m": .choices(["a", "b"])]).fingerprint(language: "sv")
                != submission(["m": .choices(["a\u{1F}b"])]).fingerprint(language: "sv"))
        #expect(submission(["a": .text("x"), "b": .text("y")]).fingerprint(language: "sv")
                != submission(["a": .text("x\u{0}b\u{0}text\u{0}y")]).fingerprint(language: "sv"))
        #expect(submission(["a": .text("3")]).fingerprint(language: "sv") != submission(["a": .integer(3)]).fingerprint(language: "sv"))
        #expect(submission(["a": .choices([])]).fingerprint(language: "sv") != submission([:]).fingerprint(language: "sv"))
    }
}
