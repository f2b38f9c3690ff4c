/// A round's response rate by AAPOR's Standard Definitions (10th edition, 2023), with the round's
/// invitations as the sample: what `samla round list`, the admin round page and the reports show.
///
/// Each invitation is one case. Its response decides its disposition: submitted is a complete
/// response (I), begun and not submitted a partial one (P), none a non-respondent (a withdrawn
/// invitation, whose response `samla erase --withdraw` removed, too). Samla cannot tell
/// a refusal from a non-contact, nor an ineligible invitee from an eligible one, so every
/// non-respondent counts as eligible in the denominator: the conservative reading, RR1 and RR2.
public enum ResponseRate: Hashable, Sendable {
    /// An anonymous round: nobody was invited, so there is no denominator and no rate.
    case anonymous
    /// An invitation-only round with no invitations yet.
    case noInvitations
    case invited(InvitationOutcomes)

    public init(_ summary: RoundSummary) {
        if summary.round.isAnonymous {
            self = .anonymous
        } else if summary.invitations == 0 {
            self = .noInvitations
        } else {
            self = .invited(InvitationOutcomes(
                invitations: summary.invitations, complete: summary.invitationsCompleted,
                partial: summary.invitationsUsed - summary.invitationsCompleted,
                withoutInvitation: summary.responsesWithoutInvitation, withdrawn: summary.invitationsWithdrawn))
        }
    }
}

/// The dispositions of a round's invitations, and the rates over them.
public struct InvitationOutcomes: Hashable, Sendable {
    /// Every invitation made: the sample, and the denominator of both rates.
    public let invitations: Int
    /// Invitations whose response was submitted (I).
    public let complete: Int
    /// Invitations whose response was begun and not submitted (P).
    public let partial: Int
    /// Responses of the round that came without an invitation (imported without a token, from the
    /// API): outside the sample, so in neither rate. An imported row with its invitation's token is
    /// that invitation's response and counts as one.
    public let withoutInvitation: Int
    /// Invitations withdrawn by `samla erase --withdraw`, whose responses were removed: among the
    /// non-respondents (``noResponse``), and so in the denominator of both rates.
    public let withdrawn: Int

    public init(invitations: Int, complete: Int, partial: Int, withoutInvitation: Int = 0, withdrawn: Int = 0) {
        precondition(invitations > 0 && complete >= 0 && partial >= 0 && complete + partial <= invitations)
        precondition(withdrawn >= 0 && withdrawn <= invitations - complete - partial)
        self.invitations = invitations
        self.complete = complete
        self.partial = partial
        self.withoutInvitation = withoutInvitation
        self.withdrawn = withdrawn
    }

    /// Invitations with no response at all (the withdrawn ones too), counted as eligible non-respondents.
    public var noResponse: Int { invitations - complete - partial }
    /// AAPOR RR1: complete responses over the invitations, I / (I + P + non-respondents).
    public var rr1: Double { Double(complete) / Double(invitations) }
    /// AAPOR RR2: complete and partial responses over the invitations, (I + P) / (I + P + non-respondents).
    public var rr2: Double { Double(complete + partial) / Double(invitations) }
}

extension RoundSummary {
    /// The round's response rate (``ResponseRate``).
    public var responseRate: ResponseRate { ResponseRate(self) }
}
