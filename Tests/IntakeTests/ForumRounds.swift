import Diagnostics
import Expressions
import Foundation
import Store
import SurveyDefinition

/// A one-question survey `forum` and its rounds in a store, for the invitation and reminder tests.
enum ForumRounds {
    /// Loaded from its text, so that a round pinned to it loads again (as an import loads it).
    static let document: SurveyDocument = {
        let text = """
            id: forum
            version: "1"
            title: {sv: "Forum", en: "Forum"}
            languages: [sv, en]
            pages:
              - id: p
                title: {sv: "Forum", en: "Forum"}
                questions:
                  - {name: useful, type: integer, label: {sv: "Nytta", en: "Usefulness"}}

            """
        let loaded = SurveyLoader.load(text: text, path: "forum.yaml")
        guard let document = loaded.document else { fatalError("forum.yaml does not load: \(loaded.diagnostics)") }
        return document
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
