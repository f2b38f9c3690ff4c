import Foundation
import Testing
@testable import Store

/// `subjectAccess`: what the store holds about one person, found by response, token or address,
/// in one round or every round; a withdrawn respondent by their suppression-list entry and erasure
/// log, with no value left; nothing for an address it does not hold.
@Suite struct SubjectAccessTests {
    let document = TestSurveys.document()

    /// Rounds shop-2025 and shop-2026 of one survey. Anna is invited to both (invitation 1, which
    /// began response 1, and invitation 3, not begun); Bo to shop-2025 (invitation 2); responses 2
    /// and 3 came without an invitation.
    func twoRounds() throws -> (TemporaryStore, anna: InvitationToken) {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        try temporary.open("shop-2026", document)
        let anna = InvitationToken.random()
        let first = try temporary.store.addInvitations(
            [NewInvitation(token: anna, label: "Ljus AB", email: "Anna@Example.se"), NewInvitation(token: .random(), email: "bo@example.org")],
            round: "shop-2025", today: TestSurveys.today)
        _ = try temporary.store.addInvitations([NewInvitation(token: .random(), label: "Anna Ö", email: "anna@example.se")], round: "shop-2026", today: TestSurveys.today)
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            for i in 0..<3 {
                try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv", invitationID: i == 0 ? first[0].id : nil))
            }
        }
        return (temporary, anna)
    }

    @Test func anAddressFindsItsInvitationsInEveryRoundWithTheirResponses() throws {
        let (temporary, _) = try twoRounds()
        let held = try temporary.store.subjectAccess(.address(" ANNA@example.se "))
        #expect(held.invitations.map(\.invitation.id) == [1, 3] && held.invitations.map(\.round) == ["shop-2025", "shop-2026"])
        #expect(held.invitations.map(\.invitation.label) == ["Ljus AB", "Anna Ö"])
        #expect(held.responses.map(\.response.record.id) == [1])
        let response = try #require(held.responses.first)
        #expect(response.round == "shop-2025" && response.survey == "shop")
        #expect(response.response.answers["contact_email"] == .text("person0@example.se") && response.response.answers["founded"] == .integer(1990))
        #expect(held.suppressions.isEmpty && held.erasures.isEmpty)

        let oneRound = try temporary.store.subjectAccess(.respondent(.invitationEmail(round: "shop-2026", email: "anna@example.se")))
        #expect(oneRound.invitations.map(\.invitation.id) == [3] && oneRound.responses.isEmpty)
        #expect(throws: StoreError.unknownRound("shop-2027", suggestion: nil)) {
            try temporary.store.subjectAccess(.respondent(.invitationEmail(round: "shop-2027", email: "anna@example.se")))
        }
    }

    @Test func aResponseWithoutAnInvitationIsFoundByItsIdAlone() throws {
        let (temporary, _) = try twoRounds()
        let held = try temporary.store.subjectAccess(.respondent(.response(2)))
        #expect(held.invitations.isEmpty && held.responses.map(\.response.record.id) == [2])
        #expect(held.responses[0].response.answers["contact_name"] == .text("Person 1"))
        #expect(try temporary.store.subjectAccess(.respondent(.response(9))).isEmpty)
        #expect(try temporary.store.subjectAccess(.address("nobody@example.se")).isEmpty)
        #expect(try temporary.store.subjectAccess(.respondent(.invitation(tokenHash: InvitationToken.random().hash))).isEmpty)
    }

    @Test func aWithdrawnRespondentIsFoundByTheSuppressionListAndTheLogWithNoValueLeft() throws {
        let (temporary, anna) = try twoRounds()
        let store = temporary.store
        try store.erase(.withdrawal(.invitation(tokenHash: anna.hash)))
        let withdrawal = try #require(try store.erasures().first)
        let entry = Suppression(survey: "shop", round: "shop-2025", invitationID: 1, suppressedAt: try #require(withdrawal.erasedAt))

        let byAddress = try store.subjectAccess(.address("anna@example.se"))
        #expect(byAddress.invitations.map(\.invitation.id) == [1, 3])
        let withdrawn = byAddress.invitations[0].invitation
        #expect(withdrawn.isWithdrawn && withdrawn.email == nil && withdrawn.label == nil && withdrawn.responseID == nil)
        #expect(byAddress.responses.isEmpty, "the withdrawn response is gone")
        #expect(byAddress.suppressions == [entry] && byAddress.erasures == [withdrawal])

        for subject in [AccessSubject.respondent(.response(1)), .respondent(.invitation(tokenHash: anna.hash)),
                        .respondent(.invitationEmail(round: "shop-2025", email: "Anna@Example.se"))] {
            let held = try store.subjectAccess(subject)
            #expect(held.invitations.map(\.invitation.id) == [1], "\(subject)")
            #expect(held.responses.isEmpty && held.suppressions == [entry] && held.erasures == [withdrawal], "\(subject)")
        }
        let nextRound = try store.subjectAccess(.respondent(.invitationEmail(round: "shop-2026", email: "anna@example.se")))
        #expect(nextRound.invitations.map(\.invitation.id) == [3] && nextRound.suppressions == [entry], "the survey's list has the address")
        #expect(nextRound.erasures.isEmpty, "the withdrawal was of another round's invitation")
        #expect(try store.subjectAccess(.address("bo@example.org")).suppressions.isEmpty, "another address's entry is not shown")
    }
}
