import Store
import Testing
@testable import Reports

/// The rates' sentence as docs/rounds.md shows it ("Dispositions of invitations without a response").
@Suite struct ResponseRateWordsTests {
    /// 412 invitations, 163 complete, 23 partial, 9 refused, 14 non-contact, 5 ineligible, 198 unknown.
    static let documented = InvitationOutcomes(
        invitations: 412, complete: 163, partial: 23, dispositions: DispositionCounts(refused: 9, nonContact: 14, ineligible: 5))

    @Test func theDocumentedExample() {
        #expect(ResponseRateWords(language: "en").sentence(.invited(Self.documented)) == "Response rate (AAPOR RR1): 40.0% "
            + "(163 of 407 invited; 5 ineligible of 412 invited left out); with partial responses (RR2): 45.7%; "
            + "without a response: 9 refused, 14 not reached, 5 ineligible, 198 unknown eligibility; RR3 40.5%, RR4 46.2% (e = 0.977); "
            + "COOP1 83.6%, REF1 2.2%, CON1 47.9%")
    }

    /// A round whose every invitation is recorded ineligible has no rate, and says why.
    @Test func noEligibleInvitations() {
        #expect(ResponseRateWords(language: "sv").sentence(.noEligibleInvitations(invitations: 3))
            == "Alla 3 inbjudna är registrerade som ej behöriga: ingen svarsfrekvens")
        #expect(ResponseRateWords(language: "en").rr1(.noEligibleInvitations(invitations: 3)) == "none eligible")
    }
}
