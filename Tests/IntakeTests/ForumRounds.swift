import Diagnostics
import Expressions
import Foundation
import Store
import SurveyDefinition

/// A one-question survey `forum` and its rounds in a store, for the invitation and reminder tests.
enum ForumRounds {
    static let document: SurveyDocument = {
        let at = SourceLocation(file: "forum.yaml", line: 1, column: 1)
        let survey = Survey(
            id: "forum", version: "1", title: ["sv": "Forum", "en": "Forum"], languages: ["sv", "en"], choiceLists: [],
            pages: [Page(id: "p", questions: [Question(name: "useful", type: .integer, location: at)], location: at)], location: at)
        return SurveyDocument(survey: survey, sourceText: "id: forum")
    }()

    /// Opens each round from 1 October to 31 December 2025, anonymous where it says so.
    static func open(_ rounds: [(name: String, anonymous: Bool)], in store: SQLiteStore) throws {
        for (name, anonymous) in rounds {
            _ = try store.openRound(RoundRequest(
                name: name, document: document, opens: .init(year: 2025, month: 10, day: 1), closes: .init(year: 2025, month: 12, day: 31),
                anonymous: anonymous))
        }
    }
}
