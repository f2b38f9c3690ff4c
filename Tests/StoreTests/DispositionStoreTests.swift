import Expressions
import Foundation
import GRDB
import Testing
@testable import Store

/// The final dispositions of invitations without a response (`samla round dispositions`), as the store keeps and counts them.
@Suite struct DispositionStoreTests {
    /// A round `shop-2025` with five invitations: 0 complete, 1 partial, 2–4 without a response.
    func fiveInvitations(_ temporary: TemporaryStore) throws -> [Invitation] {
        try temporary.open("shop-2025", TestSurveys.document())
        let store = temporary.store
        let invitations = try store.addInvitations((0..<5).map { _ in NewInvitation(token: .random()) }, round: "shop-2025", today: TestSurveys.today)
        for index in 0..<2 {
            let response = try store.createResponse(
                NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitations[index].id), today: TestSurveys.today)
            if index == 0 { _ = try store.completeResponse(response.id) }
        }
        return invitations
    }

    @Test func aDispositionIsKeptWithItsTimeAndCleared() throws {
        let temporary = try TemporaryStore()
        let invitations = try fiveInvitations(temporary)
        let store = temporary.store
        let changed = try store.setDispositions([
            DispositionChange(invitationID: invitations[2].id, disposition: .refused),
            DispositionChange(invitationID: invitations[3].id, disposition: .nonContact),
            DispositionChange(invitationID: invitations[4].id, disposition: .ineligible),
        ], round: "shop-2025")
        #expect(changed == 3)
        let stored = try store.invitations(round: "shop-2025")
        #expect(stored.map(\.disposition) == [nil, nil, .refused, .nonContact, .ineligible])
        #expect(stored[2...].allSatisfy { $0.dispositionSetAt != nil } && stored[..<2].allSatisfy { $0.dispositionSetAt == nil })
        #expect(try store.invitation(tokenHash: invitations[3].tokenHash)?.disposition == .nonContact, "the web's lookup reads it too")
        #expect(try store.roundSummaries()[0].dispositions == DispositionCounts(refused: 1, nonContact: 1, ineligible: 1))

        #expect(try store.setDispositions([DispositionChange(invitationID: invitations[2].id, disposition: .refused)], round: "shop-2025") == 0)
        #expect(try store.setDispositions([DispositionChange(invitationID: invitations[2].id, disposition: nil)], round: "shop-2025") == 1)
        let cleared = try #require(try store.invitations(round: "shop-2025").first { $0.id == invitations[2].id })
        #expect(cleared.disposition == nil && cleared.dispositionSetAt == nil)
    }

    /// An invitation with a response, a withdrawn one, or one of another round refuses the whole
    /// batch: the good change before it is not stored either.
    @Test func aBadChangeRefusesTheBatch() throws {
        let temporary = try TemporaryStore()
        let invitations = try fiveInvitations(temporary)
        let store = temporary.store
        let good = DispositionChange(invitationID: invitations[2].id, disposition: .refused)
        let partial = try #require(try store.invitations(round: "shop-2025")[1].responseID)
        #expect(throws: StoreError.dispositionOfAnsweredInvitation(invitations[1].id, response: partial)) {
            try store.setDispositions([good, DispositionChange(invitationID: invitations[1].id, disposition: .nonContact)], round: "shop-2025")
        }
        let withdrawal = try store.erase(.withdrawal(.invitation(tokenHash: invitations[4].tokenHash)))
        #expect(throws: StoreError.dispositionOfWithdrawnInvitation(invitations[4].id, withdrawnAt: try #require(withdrawal.erasedAt))) {
            try store.setDispositions([good, DispositionChange(invitationID: invitations[4].id, disposition: .ineligible)], round: "shop-2025")
        }
        try temporary.open("shop-2026", TestSurveys.document())
        #expect(throws: StoreError.invitationOfAnotherRound(invitations[2].id, round: "shop-2026")) {
            try store.setDispositions([good], round: "shop-2026")
        }
        #expect(try store.invitations(round: "shop-2025").allSatisfy { $0.disposition == nil })
    }

    /// A response that comes after a disposition decides the invitation: the disposition stays
    /// stored, and is not counted. A withdrawal later makes it a refusal, counted as withdrawn only.
    @Test func aResponseOrAWithdrawalOutranksARecordedDisposition() throws {
        let temporary = try TemporaryStore()
        let invitations = try fiveInvitations(temporary)
        let store = temporary.store
        try store.setDispositions([
            DispositionChange(invitationID: invitations[2].id, disposition: .nonContact),
            DispositionChange(invitationID: invitations[3].id, disposition: .ineligible),
        ], round: "shop-2025")
        _ = try store.createResponse(
            NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitations[2].id), today: TestSurveys.today)
        try store.erase(.withdrawal(.invitation(tokenHash: invitations[3].tokenHash)))
        let summary = try store.roundSummaries()[0]
        #expect(summary.dispositions == DispositionCounts())
        #expect(summary.invitationsWithdrawn == 1)
        #expect(try store.invitations(round: "shop-2025")[2].disposition == .nonContact, "kept, not counted")
        #expect(summary.responseRate == .invited(InvitationOutcomes(invitations: 5, complete: 1, partial: 2, withdrawn: 1)))
    }

    /// A store made before v7 is brought up to date with every invitation of unknown eligibility.
    @Test func theMigrationLeavesEarlierInvitationsWithoutADisposition() throws {
        let temporary = try TemporaryStore()
        _ = try fiveInvitations(temporary)
        let columns = try temporary.store.pool.read { db in try db.columns(in: "invitations").map(\.name) }
        #expect(columns.suffix(2) == ["disposition", "disposition_set_at"])
        #expect(try temporary.store.appliedMigrations().contains("v7: invitation dispositions"))
        let refused = try temporary.store.pool.write { db in
            try db.execute(sql: "UPDATE invitations SET disposition = NULL")
            do {
                try db.execute(sql: "UPDATE invitations SET disposition = 'maybe' WHERE id = 3")
                return false
            } catch { return true }
        }
        #expect(refused, "the column takes only the three codes")
    }
}
