/// The final disposition recorded for an invitation that has no response (`samla round
/// dispositions`), as AAPOR's Standard Definitions sort non-respondents. An invitation without
/// one is of unknown eligibility; one with a response is decided by its response (complete or
/// partial), whatever was recorded before it came.
public enum InvitationDisposition: String, Hashable, Sendable, CaseIterable {
    /// The organisation said it will not take part: an eligible refusal (AAPOR R).
    case refused
    /// An invitee known to be in the population that was never reached (AAPOR NC). An e-mail
    /// returned undelivered alone is not one: AAPOR codes it as of unknown eligibility.
    case nonContact = "non-contact"
    /// The invitee is outside the population (not a social enterprise, closed down): left out of
    /// every rate's denominator.
    case ineligible
}

/// A disposition to record for one invitation, or to clear (`nil`: unknown eligibility again).
public struct DispositionChange: Hashable, Sendable {
    public var invitationID: Int64
    public var disposition: InvitationDisposition?

    public init(invitationID: Int64, disposition: InvitationDisposition?) {
        self.invitationID = invitationID
        self.disposition = disposition
    }
}

/// How many of a round's invitations without a response have each recorded disposition; the
/// withdrawn invitations are counted apart (``RoundSummary/invitationsWithdrawn``), whatever was recorded.
public struct DispositionCounts: Hashable, Sendable {
    public var refused: Int
    public var nonContact: Int
    public var ineligible: Int

    public init(refused: Int = 0, nonContact: Int = 0, ineligible: Int = 0) {
        self.refused = refused
        self.nonContact = nonContact
        self.ineligible = ineligible
    }

    /// Invitations with a disposition recorded.
    public var recorded: Int { refused + nonContact + ineligible }
}
