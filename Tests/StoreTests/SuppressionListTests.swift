import Foundation
import GRDB
import Testing
@testable import Store

/// The suppression list: a withdrawal keeps the keyed hash of its invitation's address (never the
/// address) for every round of the survey, an erasure of personal data alone keeps nothing, and
/// lifting an entry is logged as an erasure.
@Suite struct SuppressionListTests {
    /// Round shop-2025 with Anna's invitation (`Anna@Example.se`, answered by response 1) and Bo's
    /// (`bo@example.org`, not begun), as `ErasureTests` makes them.
    func roundWithInvitations() throws -> (TemporaryStore, tokens: [InvitationToken]) {
        try ErasureTests().roundWithInvitations()
    }

    @Test func aWithdrawalKeepsTheKeyedHashOfTheAddressAndNotTheAddress() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        let made = try store.erase(.withdrawal(.invitation(tokenHash: tokens[0].hash)))
        #expect(made.suppressions == 1 && made.emails == 1)
        #expect(try store.erasures().map(\.suppressions) == [1], "the log says the entry was kept")

        let rows = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM suppressions") }
        #expect(rows.count == 1)
        let key = try #require(try store.pool.read { db in
            try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = 'suppression-key'")
        })
        #expect(key.count == 32)
        #expect(rows.first?["address_hash"] == Suppression.addressHash("anna@example.se", key: [UInt8](key)))
        #expect(rows.first?["address_hash"] != InvitationToken.hash("anna@example.se"), "keyed, not a plain SHA-256 of the address")
        #expect(rows.first?["survey_id"] == "shop" && rows.first?["round_id"] == 1 as Int64 && rows.first?["invitation_id"] == 1 as Int64)

        for text in ["anna@example.se", "Anna@Example.se", "ANNA@EXAMPLE.SE"] {
            for file in [temporary.path, temporary.path + "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
                #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) in \(file)")
            }
        }
        let found = try store.suppressions(of: ["  ANNA@example.SE ", "bo@example.org", "cecilia@example.se"], round: "shop-2025")
        #expect(Array(found.keys) == ["  ANNA@example.SE "], "case and spaces do not matter; the others are not on the list")
        #expect(found["  ANNA@example.SE "]?.round == "shop-2025" && found["  ANNA@example.SE "]?.invitationID == 1)
        #expect(found["  ANNA@example.SE "]?.suppressedAt == made.erasedAt)
    }

    /// Withdrawn in shop-2025, Anna is on the list for shop-2026, a round of the same survey, but
    /// not for a round of another survey.
    @Test func theEntryHoldsForEveryRoundOfTheSurveyAndNoOther() throws {
        let (temporary, _) = try roundWithInvitations()
        let store = temporary.store
        try temporary.open("shop-2026", ErasureTests().document)
        try temporary.open("cafe-2026", TestSurveys.document(id: "cafe"))
        _ = try store.erase(.withdrawal(.invitationEmail(round: "shop-2025", email: "anna@example.se")))
        #expect(try store.suppressions(of: ["anna@example.se"], round: "shop-2026")["anna@example.se"]?.survey == "shop")
        #expect(try store.suppressions(of: ["anna@example.se"], round: "cafe-2026").isEmpty)
    }

    /// Anna is invited to shop-2025 (complete response) and twice to shop-2026 (one not begun, her
    /// address in other case and with spaces; one with a partial response), and to a round of
    /// another survey. A withdrawal of one of hers lists the others of the survey that are not
    /// withdrawn, by round, id and response; it does not log them, and withdraws none of them.
    @Test func aWithdrawalListsTheSurveysOtherInvitationsToItsAddress() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        try temporary.open("shop-2026", ErasureTests().document)
        try temporary.open("cafe-2026", TestSurveys.document(id: "cafe"))
        let next = [InvitationToken.random(), InvitationToken.random()]
        let invited = try store.addInvitations(
            [NewInvitation(token: next[0], email: " ANNA@example.SE "), NewInvitation(token: next[1], email: "anna@example.se"),
             NewInvitation(token: .random(), email: "cecilia@example.se")],
            round: "shop-2026", today: TestSurveys.today)
        _ = try store.addInvitations([NewInvitation(token: .random(), email: "anna@example.se")], round: "cafe-2026", today: TestSurveys.today)
        let partial = try store.createResponse(
            NewResponse(round: "shop-2026", language: "sv", source: .web, invitationID: invited[1].id), today: TestSurveys.today)

        let annaIn2025 = Erasure.OtherInvitation(round: "shop-2025", invitationID: 1, responseID: 1, responseStatus: .complete)
        let annaBegun = Erasure.OtherInvitation(round: "shop-2026", invitationID: invited[1].id, responseID: partial.id, responseStatus: .partial)
        let request = ErasureRequest.withdrawal(.invitation(tokenHash: next[0].hash))
        #expect(try store.erasurePlan(request).otherInvitations == [annaIn2025, annaBegun])
        let made = try store.erase(request)
        #expect(made.otherInvitations == [annaIn2025, annaBegun])
        #expect(try store.erasures().last?.otherInvitations == [], "not logged")
        #expect(try store.invitations(round: "shop-2025")[0].isWithdrawn == false && store.invitations(round: "shop-2026")[1].isWithdrawn == false)

        // Anna's withdrawn invitation is no longer listed; Bo has no other invitation.
        #expect(try store.erasurePlan(.withdrawal(.invitation(tokenHash: tokens[0].hash))).otherInvitations == [annaBegun])
        #expect(try store.erasurePlan(.withdrawal(.invitationEmail(round: "shop-2025", email: "anna@example.se"))).otherInvitations == [annaBegun])
        #expect(try store.erasurePlan(.withdrawal(.response(1))).otherInvitations == [annaBegun])
        #expect(try store.erasurePlan(.withdrawal(.invitation(tokenHash: tokens[1].hash))).otherInvitations.isEmpty)
        #expect(try store.erasurePlan(.personalData(.invitation(tokenHash: tokens[0].hash))).otherInvitations.isEmpty, "a withdrawal's only")
    }

    /// An erasure of personal data (one respondent's, or a round's when its retention ends) is no
    /// objection to being contacted: nothing goes on the list, and no key is made.
    @Test func erasingPersonalDataAloneSuppressesNothing() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        let one = try store.erase(.personalData(.invitation(tokenHash: tokens[0].hash)))
        let round = try store.erase(.roundPersonalData(round: "shop-2025"))
        #expect(one.suppressions == 0 && round.suppressions == 0)
        let (entries, keys) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM suppressions"), try Int.fetchOne(db, sql: "SELECT count(*) FROM secrets WHERE name = 'suppression-key'"))
        }
        #expect(entries == 0 && keys == 0)
        #expect(try store.suppressions(of: ["anna@example.se", "bo@example.org"], round: "shop-2025").isEmpty)

        // Withdrawn afterwards, without an address left, nothing can go on the list.
        let withdrawn = try store.erase(.withdrawal(.invitation(tokenHash: tokens[1].hash)))
        #expect(withdrawn.suppressions == 0 && withdrawn.emails == 0)
        #expect(try store.suppressions(of: ["bo@example.org"], round: "shop-2025").isEmpty)
    }

    @Test func liftingASuppressionRemovesTheEntryAndIsLogged() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        #expect(throws: StoreError.erasure(.notSuppressed), "no list yet") { _ = try store.suppressionLiftPlan(email: "anna@example.se") }
        _ = try store.erase(.withdrawal(.invitation(tokenHash: tokens[0].hash)))
        #expect(throws: StoreError.erasure(.notSuppressed)) { _ = try store.liftSuppression(email: "bo@example.org") }

        let plan = try store.suppressionLiftPlan(email: " ANNA@example.se")
        #expect(plan == [Erasure(
            kind: .suppression, round: "shop-2025", responseID: nil, responseStatus: nil, invitationID: 1,
            responses: 0, personalAnswers: 0, otherAnswers: 0, emails: 0, suppressions: 1)])
        #expect(try store.erasures().count == 1, "a plan writes nothing")
        #expect(!(try store.suppressions(of: ["anna@example.se"], round: "shop-2025").isEmpty))

        let lifted = try store.liftSuppression(email: "Anna@Example.se")
        #expect(lifted.count == 1 && lifted[0].id == 2 && lifted[0].kind == .suppression)
        #expect(try store.erasures().last == lifted[0])
        #expect(try store.suppressions(of: ["anna@example.se"], round: "shop-2025").isEmpty)
        #expect(throws: StoreError.erasure(.notSuppressed), "lifted already") { _ = try store.liftSuppression(email: "anna@example.se") }
        let logged = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM erasures").flatMap { $0.databaseValues.map(\.description) } }
        #expect(!logged.contains { $0.localizedCaseInsensitiveContains("anna") })
    }

    /// A store of schema v6 (erasures, no list) keeps its erasures log through the migration, each
    /// counting no entry, and takes the new kind.
    @Test func theMigrationKeepsTheErasuresOfBefore() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        _ = try store.erase(.personalData(.response(2)))
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: """
                DROP TABLE suppressions;
                CREATE TABLE erasures_v6 AS SELECT id, erased_at, kind, round_id, response_id, response_status, invitation_id, responses, personal_answers,
                    other_answers, emails, labels FROM erasures;
                DROP TABLE erasures;
                ALTER TABLE erasures_v6 RENAME TO erasures;
                DELETE FROM grdb_migrations WHERE identifier = 'v8: suppressions';
                """)
        }
        // As after an upgrade of the binary: the earlier program has stopped before the new one opens the file.
        try store.close()
        let migrated = try SQLiteStore(path: temporary.path)
        #expect(try migrated.appliedMigrations().contains("v8: suppressions"))
        #expect(try migrated.erasures().map(\.kind) == [.personalData] && migrated.erasures()[0].suppressions == 0)
        _ = try migrated.erase(.withdrawal(.invitation(tokenHash: tokens[0].hash)))
        #expect(try migrated.liftSuppression(email: "anna@example.se").count == 1)
        #expect(try migrated.erasures().map(\.kind) == [.personalData, .withdrawal, .suppression])
    }
}
