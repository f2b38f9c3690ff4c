/// A round's response rates by AAPOR's Standard Definitions (10th edition, 2023), with the round's
/// invitations as the sample: what `samla round list`, the admin round page and the reports show.
///
/// Each invitation is one case. Its response decides its disposition: submitted is a complete
/// response (I), begun and not submitted a partial one (P), and either is a refusal (R) when its
/// answers satisfy the definition's `refusal` (declined in the form). An invitation without a response is
/// what `samla round dispositions` recorded for it: a refusal (R), a non-contact (NC) or ineligible
/// (left out of every denominator), and otherwise of unknown eligibility (UH/UO). A withdrawn
/// invitation (`samla erase --withdraw`) is a refusal, whatever was recorded. Samla has no
/// "other" non-interviews, so O = 0.
public enum ResponseRate: Hashable, Sendable {
    /// An anonymous round: nobody was invited, so there is no denominator and no rate.
    case anonymous
    /// An invitation-only round with no invitations yet.
    case noInvitations
    /// Every invitation is recorded ineligible: no denominator is left.
    case noEligibleInvitations(invitations: Int)
    case invited(InvitationOutcomes)

    public init(_ summary: RoundSummary) {
        if summary.round.isAnonymous {
            self = .anonymous
        } else if summary.invitations == 0 {
            self = .noInvitations
        } else if summary.dispositions.ineligible == summary.invitations {
            self = .noEligibleInvitations(invitations: summary.invitations)
        } else {
            self = .invited(InvitationOutcomes(
                invitations: summary.invitations, complete: summary.invitationsCompleted - summary.invitationsDeclined.complete,
                partial: summary.invitationsUsed - summary.invitationsCompleted - summary.invitationsDeclined.partial,
                withoutInvitation: summary.responsesWithoutInvitation, withdrawn: summary.invitationsWithdrawn,
                declined: summary.invitationsDeclined.total, dispositions: summary.dispositions))
        }
    }
}

/// The dispositions of a round's invitations, and AAPOR's rates over them (I complete, P partial,
/// R refusals, NC non-contacts, U unknown eligibility; O = 0; ineligible cases left out):
///
/// - RR1 = I / (I + P + R + NC + U), RR2 = (I + P) / (I + P + R + NC + U)
/// - RR3 = I / (I + P + R + NC + e·U), RR4 = (I + P) / (I + P + R + NC + e·U)
/// - COOP1 = I / (I + P + R), REF1 = R / (I + P + R + NC + U), CON1 = (I + P + R) / (I + P + R + NC + U)
///
/// where e, the estimated share of eligible cases among those of unknown eligibility, is AAPOR's
/// proportional allocation ("CASRO"): the eligible cases among those whose eligibility is known,
/// (I + P + R + NC) / (I + P + R + NC + ineligible). Before any disposition is recorded, nothing
/// is known of the non-respondents: every one is of unknown eligibility, no case is known to be
/// ineligible, so e would be 1 by construction and RR3 = RR1 would say nothing. The rates beyond
/// RR1 and RR2 are therefore given (non-nil) only once at least one disposition is recorded.
public struct InvitationOutcomes: Hashable, Sendable {
    /// Every invitation made: the sample.
    public let invitations: Int
    /// Invitations whose response was submitted (I), those that declined in the form left out.
    public let complete: Int
    /// Invitations whose response was begun and not submitted (P), those that declined in the form left out.
    public let partial: Int
    /// Responses of the round that came without an invitation (imported without a token, from the
    /// API): outside the sample, so in no rate. An imported row with its invitation's token is
    /// that invitation's response and counts as one.
    public let withoutInvitation: Int
    /// Invitations withdrawn by `samla erase --withdraw`, whose responses were removed: refusals (in R).
    public let withdrawn: Int
    /// Invitations whose response, submitted or not, declined in the form (the definition's
    /// `refusal`): refusals (in R), in neither `complete` nor `partial`.
    public let declined: Int
    /// The dispositions recorded for invitations with no response that are not withdrawn.
    public let dispositions: DispositionCounts

    public init(
        invitations: Int, complete: Int, partial: Int, withoutInvitation: Int = 0, withdrawn: Int = 0, declined: Int = 0,
        dispositions: DispositionCounts = DispositionCounts()
    ) {
        precondition(invitations > 0 && complete >= 0 && partial >= 0 && withdrawn >= 0 && declined >= 0)
        precondition(dispositions.refused >= 0 && dispositions.nonContact >= 0 && dispositions.ineligible >= 0)
        precondition(complete + partial + declined + withdrawn + dispositions.recorded <= invitations && dispositions.ineligible < invitations)
        self.invitations = invitations
        self.complete = complete
        self.partial = partial
        self.withoutInvitation = withoutInvitation
        self.withdrawn = withdrawn
        self.declined = declined
        self.dispositions = dispositions
    }

    /// Invitations with no response at all, whatever their disposition.
    public var noResponse: Int { invitations - complete - partial - declined }
    /// Refusals (R): those recorded so, the withdrawn invitations and those that declined in the form.
    public var refusals: Int { dispositions.refused + withdrawn + declined }
    /// Non-contacts (NC).
    public var nonContacts: Int { dispositions.nonContact }
    /// Invitations recorded ineligible: in no denominator.
    public var ineligible: Int { dispositions.ineligible }
    /// Invitations of unknown eligibility (UH + UO): no response, no disposition, not withdrawn.
    public var unknownEligibility: Int { noResponse - withdrawn - dispositions.recorded }
    /// Whether any disposition is recorded, and so whether the rates beyond RR1 and RR2 are given.
    public var hasDispositions: Bool { dispositions.recorded > 0 }

    /// The cases known to be eligible: I + P + R + NC.
    private var eligible: Int { complete + partial + refusals + nonContacts }
    /// The denominator of RR1, RR2 and REF1: every invitation not ineligible.
    public var eligibleOrUnknown: Int { invitations - ineligible }

    /// AAPOR RR1: I / (I + P + R + NC + U).
    public var rr1: Double { Double(complete) / Double(eligibleOrUnknown) }
    /// AAPOR RR2: (I + P) / (I + P + R + NC + U).
    public var rr2: Double { Double(complete + partial) / Double(eligibleOrUnknown) }

    /// e: the eligible cases among those whose eligibility is known, (I + P + R + NC) / (I + P + R + NC + ineligible).
    public var e: Double? {
        guard hasDispositions else { return nil }
        return Double(eligible) / Double(eligible + ineligible)
    }

    /// AAPOR RR3: I / (I + P + R + NC + e·U); nil without dispositions, or when no case is eligible.
    public var rr3: Double? { estimatedEligible.map { Double(complete) / $0 } }
    /// AAPOR RR4: (I + P) / (I + P + R + NC + e·U); nil as ``rr3`` is.
    public var rr4: Double? { estimatedEligible.map { Double(complete + partial) / $0 } }
    /// AAPOR COOP1: I / (I + P + R + O); nil without dispositions, or when nobody was contacted.
    public var coop1: Double? { hasDispositions && complete + partial + refusals > 0 ? Double(complete) / Double(complete + partial + refusals) : nil }
    /// AAPOR REF1: R / (I + P + R + NC + U); nil without dispositions.
    public var ref1: Double? { hasDispositions ? Double(refusals) / Double(eligibleOrUnknown) : nil }
    /// AAPOR CON1: (I + P + R + O) / (I + P + R + O + NC + U); nil without dispositions.
    public var con1: Double? { hasDispositions ? Double(complete + partial + refusals) / Double(eligibleOrUnknown) : nil }

    /// I + P + R + NC + e·U, the denominator of RR3 and RR4, when it is above 0.
    private var estimatedEligible: Double? {
        guard let e else { return nil }
        let denominator = Double(eligible) + e * Double(unknownEligibility)
        return denominator > 0 ? denominator : nil
    }
}

extension RoundSummary {
    /// The round's response rate (``ResponseRate``).
    public var responseRate: ResponseRate { ResponseRate(self) }
}
