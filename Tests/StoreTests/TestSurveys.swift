import Diagnostics
import Expressions
import Foundation
import SurveyDefinition
@testable import Store

/// Surveys built with the model's initialisers, and fresh stores in temporary folders.
enum TestSurveys {
    static func at(_ line: Int) -> SourceLocation { SourceLocation(file: "surveys/shop.yaml", line: line, column: 1) }

    static func choice(_ value: String) -> Choice { Choice(value: value, label: ["sv": value, "en": value], location: at(1)) }

    /// A small survey with every stored type, an `other` text, a matrix and a personal question.
    /// `changes` edits it to make later versions.
    static func document(version: String = "1", id: String = "shop", _ changes: (inout Survey) -> Void = { _ in }) -> SurveyDocument {
        var survey = Survey(
            id: id, version: version, title: ["sv": "Butik", "en": "Shop"], languages: ["sv", "en"],
            choiceLists: [
                ChoiceList(name: "forms", choices: ["ab", "coop", "assoc"].map(choice), location: at(2)),
                ChoiceList(name: "barriers", choices: ["money", "skills", "rules"].map(choice), location: at(3)),
                ChoiceList(name: "scale", choices: ["1", "2", "3"].map(choice), location: at(4)),
            ],
            pages: [
                Page(id: "about", questions: [
                    Question(name: "consent", type: .boolean, location: at(10)),
                    Question(name: "founded", type: .integer, location: at(11)),
                    Question(name: "share", type: .decimal, location: at(12)),
                    Question(name: "legal_form", type: .selectOne, choiceList: "forms", allowsOther: true, location: at(13)),
                    Question(name: "barriers", type: .selectMultiple, choiceList: "barriers", location: at(14)),
                    Question(name: "note_1", type: .note, location: at(15)),
                ], location: at(9)),
                Page(id: "more", questions: [
                    Question(name: "voice", type: .matrix, choiceList: "scale", rows: [
                        MatrixRow(name: "staff", label: ["sv": "Personal", "en": "Staff"], location: at(21)),
                        MatrixRow(name: "users", label: ["sv": "Brukare", "en": "Users"], location: at(22)),
                    ], location: at(20)),
                    Question(name: "started", type: .date, location: at(23)),
                    Question(name: "story", type: .longText, location: at(24)),
                    Question(name: "contact_email", type: .email, isPII: true, location: at(25)),
                    Question(name: "contact_name", type: .text, isPII: true, location: at(26)),
                ], location: at(19)),
            ],
            location: at(1))
        changes(&survey)
        return SurveyDocument(survey: survey, sourceText: String(reflecting: survey))
    }

    /// The values of one complete response of `document(…)`, index-aligned with its variables.
    static func answers(_ index: Int, email: Bool = true) -> [AnswerValue?] {
        [
            .boolean(index % 2 == 0),                        // consent
            .integer(Int64(1990 + index % 30)),              // founded
            .decimal(Double(index % 100) / 100),             // share
            .choice(["ab", "coop", "other"][index % 3]),     // legal_form
            index % 3 == 2 ? .text("stiftelse \(index)") : nil, // legal_form_other
            index % 4 == 0 ? nil : .choices(["money", "rules"]), // barriers
            .choice(String(1 + index % 3)),                  // voice_staff
            nil,                                             // voice_users
            .date(CalendarDate(year: 2020, month: 1 + index % 12, day: 1 + index % 28)!), // started
            .text("Vi säljer \"kaffe\", te; och 🍰\nrad två"),  // story
            email ? .text("person\(index)@example.se") : nil, // contact_email
            email ? .text("Person \(index)") : nil,          // contact_name
        ]
    }

    static let today = CalendarDate(year: 2025, month: 10, day: 15)!
    static let opens = CalendarDate(year: 2025, month: 10, day: 1)!
    static let closes = CalendarDate(year: 2026, month: 1, day: 31)!
}

/// A store in a fresh temporary folder, removed when the value is released.
final class TemporaryStore {
    let folder: URL
    let store: SQLiteStore

    /// A store whose clock is `clock`.
    init(clock: @escaping @Sendable () -> Date = { Date() }) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("samla.sqlite").path, clock: clock)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var path: String { store.path }

    /// Opens round `name` of `document` for 2025-10-01…2026-01-31.
    @discardableResult
    func open(_ name: String, _ document: SurveyDocument, anonymous: Bool? = nil) throws -> RoundOpening {
        try store.openRound(RoundRequest(name: name, document: document, opens: TestSurveys.opens, closes: TestSurveys.closes, anonymous: anonymous))
    }

    /// Imports `count` complete responses of `document`, languages alternating sv, sv, en.
    func importResponses(_ count: Int, round: String, _ document: SurveyDocument, from start: Int = 0) throws {
        try store.insertCompleteResponses(round: round, document: document, source: .import) { inserter in
            for i in start..<(start + count) {
                try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: i % 3 == 2 ? "en" : "sv"))
            }
        }
    }
}
