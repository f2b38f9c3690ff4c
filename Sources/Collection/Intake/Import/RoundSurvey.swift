import Diagnostics
import Store
import SurveyDefinition

/// The survey definition a round is pinned to, read back from the store.
enum RoundSurvey {
    /// Why a round's definition cannot be had.
    struct Failure: Error {
        var diagnostics: [Diagnostic]
    }

    /// The round and its pinned definition, or the diagnostics saying why there are none.
    /// `database` names the store in messages.
    static func document(round name: String, store: any Store, database: String) -> Result<(round: Round, document: SurveyDocument), Failure> {
        do {
            guard let round = try store.round(named: name) else {
                let names = (try? store.roundSummaries().map(\.round.name)) ?? []
                return fail(StoreError.unknownRound(name, suggestion: Suggestions.misspelling(of: name, in: names))
                    .diagnostics(database: database))
            }
            guard let stored = try store.definition(hash: round.definitionHash) else {
                return fail(StoreError.unknownDefinition(round.definitionHash).diagnostics(database: database))
            }
            let loaded = SurveyLoader.load(text: stored.sourceText, path: "\(database) (definition of round \(name))")
            guard let document = loaded.document else { return fail(loaded.diagnostics) }
            return .success((round, document))
        } catch let error as StoreError {
            return fail(error.diagnostics(database: database))
        } catch {
            if let refusal = StoreError(databaseFailure: error, path: database) { return fail(refusal.diagnostics(database: database)) }
            return fail([Diagnostic(.importWriteFailed, at: .file(database), "the database cannot be read: \(StoreError.words(for: error))")])
        }
    }

    private static func fail(_ diagnostics: [Diagnostic]) -> Result<(round: Round, document: SurveyDocument), Failure> {
        .failure(Failure(diagnostics: diagnostics))
    }
}
