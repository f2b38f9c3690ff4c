import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct InvitationStoreTests {
    @Test func batchesAreStoredByHashWithEmailsApart() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try temporary.open("shop-2025", TestSurveys.document())
        let tokens = (0..<50).map { _ in InvitationToken.random() }
        let added = try store.addInvitations(
            tokens.enumerated().map { NewInvitation(token: $1, label: "Org \($0)", email: $0 % 2 == 0 ? "org\($0)@example.se" : nil) },
            round: "shop-2025", today: TestSurveys.today)
        #expect(added.count == 50)
        #expect(Set(added.map(\.tokenHash)).count == 50)

        let found = try #require(try store.invitation(tokenHash: tokens[4].hash))
        #expect(found.label == "Org 4")
        #expect(found.email == "org4@example.se")
        #expect(!found.isUsed)
        #expect(try store.invitation(tokenHash: InvitationToken.random().hash) == nil)
        #expect(try store.invitations(round: "shop-2025").count == 50)

        let (invitationColumns, emailRows) = try store.pool.read { db in
            (try Row.fetchAll(db, sql: "PRAGMA table_info(invitations)").map { $0["name"] as String },
             try Int.fetchOne(db, sql: "SELECT count(*) FROM invitation_emails") ?? -1)
        }
        #expect(!invitationColumns.contains("email"))
        #expect(emailRows == 25)
    }

    @Test func noTokenIsStoredInClear() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try temporary.open("shop-2025", TestSurveys.document())
        let tokens = (0..<200).map { _ in InvitationToken.random() }
        _ = try store.addInvitations(tokens.map { NewInvitation(token: $0, label: "x") }, round: "shop-2025", today: TestSurveys.today)

        // Every text value of every table…
        let texts: [String] = try store.pool.read { db in
            var texts: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    for (_, value) in row { if let text = String.fromDatabaseValue(value) { texts.append(text) } }
                }
            }
            return texts
        }
        let joined = texts.joined(separator: "\n")
        for token in tokens {
            #expect(!joined.contains(token.text))
            #expect(joined.contains(token.hash))
        }
        // …and the bytes of the database file and its WAL.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: temporary.path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: temporary.path + "-wal")) { bytes.append(wal) }
        for token in tokens { #expect(bytes.range(of: Data(token.text.utf8)) == nil) }
    }

    @Test func theDatabaseRefusesADuplicateHash() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", TestSurveys.document())
        let token = InvitationToken.random()
        _ = try temporary.store.addInvitations([NewInvitation(token: token)], round: "shop-2025", today: TestSurveys.today)
        #expect(throws: DatabaseError.self) {
            _ = try temporary.store.addInvitations([NewInvitation(token: .random()), NewInvitation(token: token)], round: "shop-2025", today: TestSurveys.today)
        }
        #expect(try temporary.store.invitations(round: "shop-2025").count == 1, "the refused batch left nothing")
    }

    @Test func anonymousClosedAndEndedRoundsTakeNoInvitations() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("open-door", document, anonymous: true)
        try temporary.open("shop-2025", document)
        let batch = [NewInvitation(token: .random())]
        #expect(throws: StoreError.anonymousRound("open-door")) {
            _ = try store.addInvitations(batch, round: "open-door", today: TestSurveys.today)
        }
        #expect(throws: StoreError.closedRound("shop-2025", phase: .ended)) {
            _ = try store.addInvitations(batch, round: "shop-2025", today: .init(year: 2026, month: 2, day: 1)!)
        }
        // Before the round opens is fine: invitations go out ahead.
        #expect(try store.addInvitations(batch, round: "shop-2025", today: .init(year: 2025, month: 9, day: 1)!).count == 1)
        _ = try store.closeRound(named: "shop-2025")
        #expect(throws: StoreError.closedRound("shop-2025", phase: .closed)) {
            _ = try store.addInvitations([NewInvitation(token: .random())], round: "shop-2025", today: TestSurveys.today)
        }
        #expect(throws: StoreError.unknownRound("shop-2052", suggestion: "shop-2025")) {
            _ = try store.addInvitations(batch, round: "shop-2052", today: TestSurveys.today)
        }
    }

    @Test func anInvitationBeginsOneResponseOnly() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        try temporary.open("shop-2026", document)
        let invitation = try store.addInvitations([NewInvitation(token: .random())], round: "shop-2025", today: TestSurveys.today)[0]
        let other = try store.addInvitations([NewInvitation(token: .random())], round: "shop-2026", today: TestSurveys.today)[0]

        let response = try store.createResponse(
            NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitation.id), today: TestSurveys.today)
        #expect(response.invitationID == invitation.id)
        #expect(try store.invitation(tokenHash: invitation.tokenHash)?.responseID == response.id)

        #expect(throws: StoreError.invitationUsed(invitation.id)) {
            _ = try store.createResponse(NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitation.id), today: TestSurveys.today)
        }
        #expect(throws: StoreError.invitationOfAnotherRound(other.id, round: "shop-2025")) {
            _ = try store.createResponse(NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: other.id), today: TestSurveys.today)
        }
        #expect(throws: StoreError.unknownInvitation(999)) {
            _ = try store.createResponse(NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: 999), today: TestSurveys.today)
        }
        #expect(throws: StoreError.invitationRequired(round: "shop-2025")) {
            _ = try store.createResponse(NewResponse(round: "shop-2025", language: "sv", source: .web), today: TestSurveys.today)
        }
        #expect(try store.roundSummaries()[0].started == 1, "refused responses were not kept")
    }

    @Test func progressIsLookedUpByTokenHashAcrossRounds() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        try temporary.open("shop-2026", document)
        // More than one query's worth of hashes.
        let tokens = (0..<1_200).map { _ in InvitationToken.random() }
        let invitations = try store.addInvitations(
            tokens.enumerated().map { NewInvitation(token: $1, label: "Org \($0)", email: $0 == 7 ? "org7@example.se" : nil) },
            round: "shop-2025", today: TestSurveys.today)
        let otherToken = InvitationToken.random()
        _ = try store.addInvitations([NewInvitation(token: otherToken)], round: "shop-2026", today: TestSurveys.today)
        let begun = try store.createResponse(
            NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: invitations[3].id), today: TestSurveys.today)
        let finished = try store.createResponse(
            NewResponse(round: "shop-2025", language: "en", source: .web, invitationID: invitations[1_100].id), today: TestSurveys.today)
        _ = try store.completeResponse(finished.id)

        let unknown = InvitationToken.random()
        let found = try store.invitationProgress(tokenHashes: tokens.map(\.hash) + [tokens[5].hash, otherToken.hash, unknown.hash])
        #expect(found.count == 1_201)
        #expect(found[unknown.hash] == nil)
        #expect(found[otherToken.hash]?.round == "shop-2026")
        #expect(found[otherToken.hash]?.responseStatus == nil)
        #expect(found[tokens[3].hash] == InvitationProgress(
            invitation: Invitation(
                id: invitations[3].id, roundID: invitations[3].roundID, tokenHash: tokens[3].hash, label: "Org 3", email: nil,
                createdAt: invitations[3].createdAt, responseID: begun.id),
            round: "shop-2025", responseStatus: .partial))
        #expect(found[tokens[1_100].hash]?.responseStatus == .complete)
        #expect(found[tokens[1_100].hash]?.isComplete == true)
        #expect(found[tokens[7].hash]?.invitation.email == "org7@example.se")
        let statuses = tokens.map { found[$0.hash]?.responseStatus }
        #expect(statuses.filter { $0 == nil }.count == 1_198)
        #expect(try store.invitationProgress(tokenHashes: []).isEmpty)
    }
}
