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
    /// The round's partial responses that began with an earlier definition and go on with this one.
    public var partialResponsesMoved: Int

    public init(
        round: Round, created: Bool, previousDefinitionHash: String?, previousStatus: RoundStatus?, layoutChange: LayoutChange,
        partialResponsesMoved: Int = 0
    ) {
        self.round = round
        self.created = created
        self.previousDefinitionHash = previousDefinitionHash
        self.previousStatus = previousStatus
        self.layoutChange = layoutChange
        self.partialResponsesMoved = partialResponsesMoved
    }
}
