// The fixed stores of the fuzz targets that compute (compute, reports): responses written through
// each path they come in by, the web form, the API and an import, with the store's clock set for
// each write.
import Expressions
import Foundation
import Store
import SurveyDefinition
import SyntheticResponses
import Responses

/// Writes rounds and responses into the store at `path`.
public struct ResponseWriter {
    public static let start = Date(timeIntervalSince1970: 1_717_243_200) // 2024-06-01 12:00 UTC
    public static let today = CalendarDate(year: 2024, month: 6, day: 1)!
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// A store at `path` whose clock reads `minutes` after ``start``.
    public func store(at minutes: Double) throws -> SQLiteStore {
        try SQLiteStore(path: path, clock: { Self.start.addingTimeInterval(minutes * 60) })
    }

    /// Opens an anonymous round of `document`, from 2024 to 2028.
    public func open(_ round: String, _ document: SurveyDocument) throws {
        try store(at: 0).openRound(RoundRequest(
            name: round, document: document, opens: CalendarDate(year: 2024, month: 1, day: 1)!,
            closes: CalendarDate(year: 2028, month: 12, day: 31)!, anonymous: true))
    }

    /// A web response begun at minute 0 and saved at `minutes`, submitting it when `submits`.
    public func web(round: String, _ answers: [String: AnswerValue?], minutes: Double, submits: Bool) throws {
        let start = AnonymousStart(round: round, language: "sv", tokenHash: InvitationToken.random().hash, today: Self.today)
        guard case .response(let record) = try store(at: 0).commit([.beginAnonymous(start)]).results[0].get() else { return }
        let save = PageSave(target: .response(record.id), answers: answers, currentPage: nil, language: "sv", completes: submits, today: Self.today)
        _ = try store(at: minutes).commit([.savePage(save)])
    }

    /// A complete response submitted by a partner system through the API.
    public func api(round: String, _ document: SurveyDocument, _ answers: [String: AnswerValue?]) throws {
        let submission = CompleteSubmission(round: round, definitionHash: document.contentHash, language: "en", source: .api,
                                            apiClient: "crm", answers: answers, idempotency: nil, today: Self.today)
        _ = try store(at: 1).commit([.submitComplete(submission)])
    }

    /// Complete responses imported from a file, in the order of the survey's variables.
    public func imported(round: String, _ document: SurveyDocument, _ responses: [[String: AnswerValue?]]) throws {
        let variables = document.survey.variables
        try store(at: 2).insertCompleteResponses(round: round, document: document, source: .import) { inserter in
            for answers in responses {
                try inserter.insert(variables.map { answers[$0.name] ?? nil }, info: ImportedResponseInfo(language: "sv"))
            }
        }
    }

    /// Opens `round` of `document` and stores `count` generated responses (with the cases the
    /// cleaning rules remove: tests, duplicates, speeders), the complete ones by turns through the
    /// web form, the API and an import, the unfinished ones as web responses left partway.
    public func generated(_ round: String, _ document: SurveyDocument, count: Int, seed: UInt64) throws {
        try open(round, document)
        let validator = try ResponseValidator(survey: document.survey, today: CalendarDate(year: 2028, month: 12, day: 31)!)
        var generator = SyntheticResponseGenerator(validator: validator, options: .demo(seed: seed))
        var sheet = validator.makeSheet()
        var imports: [[String: AnswerValue?]] = []
        for index in 0..<count {
            let info = generator.next(into: &sheet)
            var answers: [String: AnswerValue?] = [:]
            for (variable, value) in zip(validator.variables, sheet.values) where value != nil {
                answers[variable.name] = value
            }
            guard info.isComplete else {
                try web(round: round, answers, minutes: 3, submits: false)
                continue
            }
            switch index % 3 {
            case 0: try web(round: round, answers, minutes: [0.5, 4, 30][index % 9 / 3], submits: true)
            case 1: try api(round: round, document, answers)
            default: imports.append(answers)
            }
        }
        try imported(round: round, document, imports)
    }
}
