import Expressions
import Foundation
import Responses
import Store
import SurveyDefinition

/// Compiled validators by definition hash, each for one day (`today()` in expressions), loaded
/// from the definition text the store keeps.
final class ValidatorCache: Sendable {
    private let store: any Store
    private let entries = Locked<[String: ResponseValidator]>([:])

    init(store: any Store) {
        self.store = store
    }

    func validator(definition hash: String, today: CalendarDate) throws -> ResponseValidator {
        if let cached = entries.withLock({ $0[hash] }), cached.today == today { return cached }
        guard let stored = try store.definition(hash: hash) else { throw StoreError.unknownDefinition(hash) }
        let loaded = SurveyLoader.load(text: stored.sourceText, path: "\(stored.surveyID)@\(stored.version)")
        guard let document = loaded.document else { throw SubmissionError.unloadableDefinition(hash: hash, diagnostics: loaded.errors) }
        let validator: ResponseValidator
        do {
            validator = try ResponseValidator(survey: document.survey, today: today)
        } catch {
            throw SubmissionError.unloadableDefinition(hash: hash, diagnostics: error.diagnostics)
        }
        entries.withLock { $0[hash] = validator }
        return validator
    }
}
