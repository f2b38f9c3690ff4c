/// A round with its progress: what `samla round list` and the admin pages show.
public struct RoundSummary: Hashable, Sendable {
    public var round: Round
    /// The version string of the pinned definition (`2025.1`).
    public var definitionVersion: String
    /// Responses begun, partial or complete.
    public var started: Int
    public var complete: Int
    /// Partial responses that have sent no page since they were begun: an anonymous round's start
    /// button pressed and the form left, often by someone who started again elsewhere.
    public var startedWithoutAPage: Int
    /// Per language code, in code order.
    public var byLanguage: [LanguageCount]
    public var invitations: Int
    /// Invitations whose token has begun a response.
    public var invitationsUsed: Int
    /// Invitations whose response was submitted.
    public var invitationsCompleted: Int
    /// Invitations withdrawn by `samla erase --withdraw`: their responses are gone, and the
    /// response rate counts them as refusals.
    public var invitationsWithdrawn: Int
    /// Invitations whose response declined in the form (the definition's `refusal`): stored as
    /// responses, and counted by the response rate as refusals.
    public var invitationsDeclined: DeclinedInvitations
    /// Responses begun with no invitation: imported, from the API, or the web form of an anonymous round.
    public var responsesWithoutInvitation: Int
    /// The dispositions recorded (`samla round dispositions`) for invitations with no response
    /// that are not withdrawn: the ones the rates count.
    public var dispositions: DispositionCounts

    public init(
        round: Round, definitionVersion: String, started: Int, complete: Int, byLanguage: [LanguageCount],
        invitations: Int, invitationsUsed: Int, invitationsCompleted: Int, responsesWithoutInvitation: Int,
        invitationsWithdrawn: Int = 0, invitationsDeclined: DeclinedInvitations = DeclinedInvitations(),
        dispositions: DispositionCounts = DispositionCounts(), startedWithoutAPage: Int = 0
    ) {
        self.round = round
        self.definitionVersion = definitionVersion
        self.started = started
        self.complete = complete
        self.startedWithoutAPage = startedWithoutAPage
        self.byLanguage = byLanguage
        self.invitations = invitations
        self.invitationsUsed = invitationsUsed
        self.invitationsCompleted = invitationsCompleted
        self.responsesWithoutInvitation = responsesWithoutInvitation
        self.invitationsWithdrawn = invitationsWithdrawn
        self.invitationsDeclined = invitationsDeclined
        self.dispositions = dispositions
    }

    /// Invitations with no response, not withdrawn and no disposition recorded: of unknown eligibility.
    public var invitationsOfUnknownEligibility: Int {
        invitations - invitationsUsed - invitationsWithdrawn - dispositions.recorded
    }

    /// Responses in one language.
    public struct LanguageCount: Hashable, Sendable {
        public var language: String
        public var started: Int
        public var complete: Int

        public init(language: String, started: Int, complete: Int) {
            self.language = language
            self.started = started
            self.complete = complete
        }
    }
}
