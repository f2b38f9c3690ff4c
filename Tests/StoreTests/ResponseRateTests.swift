import Expressions
import Foundation
import Testing
@testable import Store

/// Response rates by AAPOR's Standard Definitions (10th edition, 2023) over a round's invitations
/// and the dispositions recorded for those without a response.
@Suite struct ResponseRateTests {
    /// The numbers of the docs, by hand: 163 / 412 = 0.39563… and (163 + 23) / 412 = 0.45145….
    @Test func ratesOverTheInvitations() {
        let outcomes = InvitationOutcomes(invitations: 412, complete: 163, partial: 23)
        #expect(outcomes.noResponse == 226)
        #expect(abs(outcomes.rr1 - 0.395_631_067_96) < 1e-10)
        #expect(abs(outcomes.rr2 - 0.451_456_310_68) < 1e-10)
        #expect(InvitationOutcomes(invitations: 3, complete: 0, partial: 0).rr1 == 0)
        #expect(InvitationOutcomes(invitations: 3, complete: 3, partial: 0).rr2 == 1)
    }

    /// docs/statistics.md's example, by hand: 10 invitations, I = 3, P = 1, R = 2 (one recorded, one
    /// withdrawn), NC = 1, 1 ineligible, U = 2. RR1 = 3/9, RR2 = 4/9, e = 7/8, RR3 = 3/(7 + 0.875 · 2)
    /// = 3/8.75, RR4 = 4/8.75, COOP1 = 3/6, REF1 = 2/9, CON1 = 6/9.
    @Test func aaporRatesByHand() {
        let outcomes = InvitationOutcomes(
            invitations: 10, complete: 3, partial: 1, withdrawn: 1, dispositions: DispositionCounts(refused: 1, nonContact: 1, ineligible: 1))
        #expect(outcomes.refusals == 2 && outcomes.nonContacts == 1 && outcomes.ineligible == 1 && outcomes.unknownEligibility == 2)
        #expect(outcomes.eligibleOrUnknown == 9)
        #expect(abs(outcomes.rr1 - 3.0 / 9) < 1e-12)
        #expect(abs(outcomes.rr2 - 4.0 / 9) < 1e-12)
        #expect(outcomes.e == 0.875)
        #expect(abs((outcomes.rr3 ?? 0) - 0.342_857_142_857) < 1e-10)
        #expect(abs((outcomes.rr4 ?? 0) - 0.457_142_857_143) < 1e-10)
        #expect(outcomes.coop1 == 0.5)
        #expect(abs((outcomes.ref1 ?? 0) - 2.0 / 9) < 1e-12)
        #expect(abs((outcomes.con1 ?? 0) - 6.0 / 9) < 1e-12)
    }

    /// Before any disposition is recorded, e would be 1 by construction: RR3 to CON1 are not given,
    /// whatever the withdrawals (refusals, but not a record of eligibility).
    @Test func noRatesBeyondRR2WithoutADisposition() {
        let outcomes = InvitationOutcomes(invitations: 412, complete: 163, partial: 23, withdrawn: 2)
        #expect(!outcomes.hasDispositions)
        #expect(outcomes.e == nil && outcomes.rr3 == nil && outcomes.rr4 == nil)
        #expect(outcomes.coop1 == nil && outcomes.ref1 == nil && outcomes.con1 == nil)
        #expect(outcomes.unknownEligibility == 224 && outcomes.refusals == 2)
    }

    /// Only ineligible cases recorded and no response: e = 0, and RR3's denominator is 0, so no RR3;
    /// RR1 is 0 over the rest. Every invitation ineligible leaves no rate at all.
    @Test func ineligibleCasesLeaveTheDenominators() throws {
        let outcomes = InvitationOutcomes(invitations: 4, complete: 0, partial: 0, dispositions: DispositionCounts(ineligible: 2))
        #expect(outcomes.rr1 == 0 && outcomes.eligibleOrUnknown == 2)
        #expect(outcomes.e == 0 && outcomes.rr3 == nil && outcomes.coop1 == nil)
        #expect(outcomes.ref1 == 0 && outcomes.con1 == 0)
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", TestSurveys.document())
        let invitations = try temporary.store.addInvitations((0..<3).map { _ in NewInvitation(token: .random()) }, round: "shop-2025", today: TestSurveys.today)
        try temporary.store.setDispositions(invitations.map { DispositionChange(invitationID: $0.id, disposition: .ineligible) }, round: "shop-2025")
        let summary = try #require(try temporary.store.roundSummaries().first)
        #expect(summary.responseRate == .noEligibleInvitations(invitations: 3))
    }

    /// An invitation's own response decides it; responses without an invitation (imported here) are
    /// outside the sample, in neither the numerator nor the denominator.
    @Test func theStoreCountsEachInvitationByItsResponse() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        let invitations = try store.addInvitations((0..<5).map { _ in NewInvitation(token: .random()) }, round: "shop-2025", today: TestSurveys.today)
        for (index, invitation) in invitations.prefix(3).enumerated() {
            let response = try store.createResponse(
                NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitation.id), today: TestSurveys.today)
            if index < 2 { _ = try store.completeResponse(response.id) }
        }
        try temporary.importResponses(4, round: "shop-2025", document)

        let summary = try #require(try store.roundSummaries().first)
        #expect(summary.complete == 6 && summary.started == 7)
        #expect(summary.responseRate == .invited(InvitationOutcomes(invitations: 5, complete: 2, partial: 1, withoutInvitation: 4)))
        guard case .invited(let outcomes) = summary.responseRate else { return }
        #expect(outcomes.rr1 == 0.4 && outcomes.rr2 == 0.6 && outcomes.noResponse == 2)
    }

    /// An anonymous round has no denominator, whatever it collected; an invitation-only round
    /// without invitations has none yet, even with imported responses.
    @Test func anonymousRoundsAndRoundsWithoutInvitationsHaveNoRate() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("open-door", document, anonymous: true)
        try temporary.open("shop-2025", document)
        try temporary.importResponses(3, round: "open-door", document)
        try temporary.importResponses(2, round: "shop-2025", document)
        let rates = try store.roundSummaries().map(\.responseRate)
        #expect(rates == [.anonymous, .noInvitations])
    }

    /// The store takes no invitations once a round is closed or past its last day, so the rate of a
    /// closed round stays as it was; an invitation whose round's last day was later moved before it
    /// was made is still one of the invitations sent, and counts as a non-respondent.
    @Test func invitationsAfterTheRoundClosed() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        let invitations = try store.addInvitations((0..<4).map { _ in NewInvitation(token: .random()) }, round: "shop-2025", today: TestSurveys.today)
        let response = try store.createResponse(
            NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitations[0].id), today: TestSurveys.today)
        _ = try store.completeResponse(response.id)
        _ = try store.closeRound(named: "shop-2025")
        #expect(throws: StoreError.closedRound("shop-2025", phase: .closed)) {
            _ = try store.addInvitations([NewInvitation(token: .random())], round: "shop-2025", today: TestSurveys.today)
        }
        let expected = ResponseRate.invited(InvitationOutcomes(invitations: 4, complete: 1, partial: 0))
        #expect(try store.roundSummaries()[0].responseRate == expected)

        let earlier = CalendarDate(year: 2025, month: 10, day: 14)!
        try store.openRound(RoundRequest(name: "shop-2025", document: document, opens: TestSurveys.opens, closes: earlier))
        #expect(try store.roundSummaries()[0].responseRate == expected, "made after the new last day, and counted")
    }
}
