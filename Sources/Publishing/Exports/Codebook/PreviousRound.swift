import Store
import SurveyDefinition

/// The survey's round before an export's round (the latest round of the same survey that opened
/// before it), whose definition the codebook compares the export's with, so that an analyst who
/// pools the yearly exports sees which questions a round asked differently.
public struct PreviousRound: Sendable {
    public let name: String
    public let definitionVersion: String
    public let definitionHash: String
    /// What the export's definition asks differently: empty when both rounds are pinned to one
    /// definition, nil when the earlier one no longer loads.
    public let changes: DefinitionChanges?
    /// Whether both rounds are pinned to one definition.
    public let isSameDefinition: Bool
    /// The earlier definition, which names the codes of choices removed since; nil when it no longer loads.
    let survey: Survey?

    /// The round of `round`'s survey before it in `store`, compared with `definition`, the one
    /// `round` is pinned to; nil when `round` is its survey's first.
    static func of(_ round: Round, definition: Survey, in store: any Store) throws -> PreviousRound? {
        guard let earlier = try store.previousRound(before: round) else { return nil }
        if earlier.definitionHash == round.definitionHash {
            return PreviousRound(name: earlier.name, definitionVersion: definition.version, definitionHash: earlier.definitionHash,
                                 changes: DefinitionChanges.none, isSameDefinition: true, survey: definition)
        }
        let stored = try store.definition(hash: earlier.definitionHash)
        let survey = stored.flatMap { SurveyLoader.load(text: $0.sourceText, path: "\(earlier.surveyID)@\($0.version)").document?.survey }
        return PreviousRound(name: earlier.name, definitionVersion: stored?.version ?? "?", definitionHash: earlier.definitionHash,
                             changes: survey.map { DefinitionChanges(from: $0, to: definition) }, isSameDefinition: false, survey: survey)
    }

    /// The round in the data package's `samla.previousRound`: its name, definition version and
    /// hash, and whether the definitions were compared (false when the earlier one no longer loads).
    var json: JSONValue {
        .object([("name", .string(name)), ("definitionVersion", .string(definitionVersion)), ("definitionHash", .string(definitionHash)),
                 ("compared", .bool(changes != nil))])
    }

    /// The definition's hash as Samla's messages shorten it.
    var shortHash: String { String(definitionHash.prefix(12)) }
}
