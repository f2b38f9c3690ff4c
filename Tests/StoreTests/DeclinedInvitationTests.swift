import Expressions
import Foundation
import SurveyDefinition
import Testing
@testable import Store

/// Invitations whose respondent declined in the form (the definition's `refusal` holds of the
/// response's answers) are refusals in every rate, not the complete or partial responses stored.
@Suite struct DeclinedInvitationTests {
    /// A club survey asking for consent, declaring `refusal` when given.
    static func document(refusal: String?) throws -> SurveyDocument {
        let text = """
            id: club
            version: "1"
            title: Klubb
            languages: [sv]
            \(refusal.map { "refusal: \"\($0)\"\n" } ?? "")choices:
              consent:
                - {value: "yes", label: Ja}
                - {value: "no", label: Nej}
            pages:
              - id: start
                title: Start
                questions:
                  - {name: consent, type: select_one, choices: consent, label: Samtycke}
                  - {name: members, type: integer, label: Medlemmar}
            """
        let loaded = SurveyLoader.load(text: text, path: "club.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
        return try #require(loaded.document)
    }

    /// 10 invitations: 2 complete, 1 partial, 2 declined in the form (one submitted, one not),
    /// 1 withdrawn, 1 recorded refused, 1 non-contact, 1 ineligible, 1 with nothing recorded.
    /// By hand: I = 2, P = 1, R = 1 + 1 + 2 = 4, NC = 1, U = 1; RR1 = 2/9, RR2 = 3/9,
    /// e = (2 + 1 + 4 + 1)/(8 + 1) = 8/9, RR3 = 2/(8 + 8/9) = 18/80, RR4 = 27/80, COOP1 = 2/7,
    /// REF1 = 4/9, CON1 = 7/9.
    @Test func declinedInvitationsAreRefusalsByHand() {
        let outcomes = InvitationOutcomes(
            invitations: 10, complete: 2, partial: 1, withdrawn: 1, declined: 2,
            dispositions: DispositionCounts(refused: 1, nonContact: 1, ineligible: 1))
        #expect(outcomes.refusals == 4 && outcomes.noResponse == 5 && outcomes.unknownEligibility == 1)
        #expect(outcomes.eligibleOrUnknown == 9)
        #expect(abs(outcomes.rr1 - 2.0 / 9) < 1e-12 && abs(outcomes.rr2 - 3.0 / 9) < 1e-12)
        #expect(abs((outcomes.e ?? 0) - 8.0 / 9) < 1e-12)
        #expect(abs((outcomes.rr3 ?? 0) - 0.225) < 1e-12 && abs((outcomes.rr4 ?? 0) - 0.3375) < 1e-12)
        #expect(abs((outcomes.coop1 ?? 0) - 2.0 / 7) < 1e-12)
        #expect(abs((outcomes.ref1 ?? 0) - 4.0 / 9) < 1e-12 && abs((outcomes.con1 ?? 0) - 7.0 / 9) < 1e-12)
    }

    /// Six invitations: consent yes and submitted; no and submitted (web); no and not submitted;
    /// begun without an answer; no and imported with its token; none. A response without an
    /// invitation that says no is outside the sample, declined or not.
    @Test func theStoreCountsTheDeclinedFromTheirStoredAnswers() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = try Self.document(refusal: "${consent} = 'no'")
        try temporary.open("club-2025", document)
        let invitations = try store.addInvitations((0..<6).map { _ in NewInvitation(token: .random()) }, round: "club-2025", today: TestSurveys.today)
        for (index, consent) in ["yes", "no", "no", nil].enumerated() {
            let response = try store.createResponse(
                NewResponse(round: "club-2025", language: "sv", source: .web, invitationID: invitations[index].id), today: TestSurveys.today)
            if let consent { try store.saveAnswers(["consent": .choice(consent), "members": .integer(12)], response: response.id, currentPage: "start") }
            if index < 2 { _ = try store.completeResponse(response.id) }
        }
        try store.insertCompleteResponses(round: "club-2025", document: document, source: .import) { inserter in
            try inserter.insert([.choice("no"), nil], info: ImportedResponseInfo(language: "sv", invitationID: invitations[4].id))
            try inserter.insert([.choice("no"), .integer(3)], info: ImportedResponseInfo(language: "sv"))
        }

        let summary = try #require(try store.roundSummaries().first)
        #expect(summary.invitationsDeclined == DeclinedInvitations(complete: 2, partial: 1))
        #expect(summary.complete == 4 && summary.invitationsCompleted == 3, "the responses stay as they are stored")
        #expect(summary.responseRate == .invited(InvitationOutcomes(invitations: 6, complete: 1, partial: 1, withoutInvitation: 1, declined: 3)))
        guard case .invited(let outcomes) = summary.responseRate else { return }
        #expect(abs(outcomes.rr1 - 1.0 / 6) < 1e-12 && abs(outcomes.rr2 - 2.0 / 6) < 1e-12)
        #expect(outcomes.refusals == 3 && outcomes.noResponse == 1)
    }

    /// Without a refusal nothing changes; a definition that declares one, opened on the round later,
    /// counts the responses stored before it.
    @Test func aRefusalDeclaredLaterCountsTheResponsesStoredBefore() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try temporary.open("club-2025", try Self.document(refusal: nil))
        let invitations = try store.addInvitations((0..<3).map { _ in NewInvitation(token: .random()) }, round: "club-2025", today: TestSurveys.today)
        for (invitation, consent) in zip(invitations, ["yes", "no"]) {
            let response = try store.createResponse(
                NewResponse(round: "club-2025", language: "sv", source: .web, invitationID: invitation.id), today: TestSurveys.today)
            try store.saveAnswers(["consent": .choice(consent)], response: response.id, currentPage: "start")
            _ = try store.completeResponse(response.id)
        }
        #expect(try store.roundSummaries()[0].responseRate == .invited(InvitationOutcomes(invitations: 3, complete: 2, partial: 0)))

        let opening = try temporary.open("club-2025", try Self.document(refusal: "${consent} = 'no' or ${members} = 0"))
        #expect(opening.definitionChanged)
        let summary = try store.roundSummaries()[0]
        #expect(summary.invitationsDeclined == DeclinedInvitations(complete: 1))
        #expect(summary.responseRate == .invited(InvitationOutcomes(invitations: 3, complete: 1, partial: 0, declined: 1)))
    }
}
