import Expressions
import SurveyDefinition

/// What `samla round open` asks of the store: open a new round of a definition, or re-open an
/// existing one, possibly with a changed definition or dates.
public struct RoundRequest: Sendable {
    public var name: String
    public var document: SurveyDocument
    /// Required for a new round; for an existing round, nil keeps the stored date.
    public var opens: CalendarDate?
    public var closes: CalendarDate?
    /// Required as given for a new round (nil means invitation-only); for an existing round,
    /// nil keeps the stored setting and a different value is refused.
    public var anonymous: Bool?

    public init(name: String, document: SurveyDocument, opens: CalendarDate? = nil, closes: CalendarDate? = nil, anonymous: Bool? = nil) {
        self.name = name
        self.document = document
        self.opens = opens
        self.closes = closes
        self.anonymous = anonymous
    }
}

/// What opening a round did.
public struct RoundOpening: Hashable, Sendable {
    public var round: Round
    /// A round of this name did not exist before.
    public var created: Bool
    /// The definition the round was pinned to before (nil for a new round).
    public var previousDefinitionHash: String?
    /// The round was pinned to another definition before (always false for a new round).
    public var definitionChanged: Bool { previousDefinitionHash.map { $0 != round.definitionHash } ?? false }
    /// The round was closed, or open, before this call (nil for a new round).
    public var previousStatus: RoundStatus?
    /// How the survey's stored layout changed to take the definition.
    public var layoutChange: LayoutChange

    public init(round: Round, created: Bool, previousDefinitionHash: String?, previousStatus: RoundStatus?, layoutChange: LayoutChange) {
        self.round = round
        self.created = created
        self.previousDefinitionHash = previousDefinitionHash
        self.previousStatus = previousStatus
        self.layoutChange = layoutChange
    }
}
