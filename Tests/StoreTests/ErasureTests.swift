import Foundation
import GRDB
import Testing
@testable import Store

/// `erasurePlan`, `erase` and `erasures`: what each kind of erasure removes and keeps, what it
/// logs, and what it refuses; and that a withdrawn invitation begins no response again.
@Suite struct ErasureTests {
    /// A round with three imported responses (personal answers `person0…2@example.se`) and two
    /// invitations: the first answered by response 1, the second not begun.
    let document = TestSurveys.document()

    func roundWithInvitations() throws -> (TemporaryStore, tokens: [InvitationToken]) {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        let tokens = [InvitationToken.random(), InvitationToken.random()]
        let invitations = try temporary.store.addInvitations(
            [NewInvitation(token: tokens[0], label: "Ljus AB", email: "Anna@Example.se"), NewInvitation(token: tokens[1], email: "bo@example.org")],
            round: "shop-2025", today: TestSurveys.today)
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            for i in 0..<3 {
                try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv", invitationID: i == 0 ? invitations[0].id : nil))
            }
        }
        return (temporary, tokens)
    }

    static func counts(_ erasure: Erasure) -> String {
        "\(erasure.kind.rawValue): response \(erasure.responseID.map(String.init) ?? "nil"), invitation \(erasure.invitationID.map(String.init) ?? "nil"); "
            + "\(erasure.responses) responses, \(erasure.personalAnswers) personal, \(erasure.otherAnswers) other, \(erasure.emails) e-mails"
    }

    @Test func personalDataGoesAndTheResponseStaysInTheResults() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        let request = ErasureRequest.personalData(.invitation(tokenHash: tokens[0].hash))
        let plan = try store.erasurePlan(request)
        #expect(plan == Erasure(
            kind: .personalData, round: "shop-2025", responseID: 1, responseStatus: .complete, invitationID: 1,
            responses: 1, personalAnswers: 2, otherAnswers: 0, emails: 1, labels: 1))
        #expect(try store.erasures().isEmpty, "a plan writes nothing")
        #expect(try store.response(1)?.answers["contact_email"] == .text("person0@example.se"))

        let made = try store.erase(request)
        #expect(made.id == 1 && made.erasedAt != nil)
        var logged = made
        (logged.id, logged.erasedAt) = (nil, nil)
        #expect(logged == plan)
        let response = try #require(try store.response(1))
        #expect(response.answers["contact_email"] == nil && response.answers["contact_name"] == nil)
        #expect(response.answers["founded"] == .integer(1990) && response.record.status == .complete)
        let invitation = try #require(try store.invitation(tokenHash: tokens[0].hash))
        #expect(invitation.email == nil && invitation.label == nil, "the label may be the respondent's name")
        #expect(invitation.responseID == 1 && !invitation.isWithdrawn)
        #expect(try store.response(2)?.answers["contact_email"] == .text("person1@example.se"), "other responses keep theirs")
        #expect(try store.roundSummaries()[0].complete == 3)
        #expect(try store.erasures() == [made])
    }

    @Test func aWithdrawalRemovesTheWholeResponseAndItsLinkBeginsNoOther() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        // A resume token and an API idempotency key of the response, as the web and the API keep them.
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO response_tokens (token_hash, response_id) VALUES (?, 1)", arguments: [InvitationToken.random().hash])
            try db.execute(sql: """
                INSERT INTO idempotency_keys (round_id, client, key, request_hash, status, body, response_id, created_at)
                VALUES (1, 'kolada', 'k1', ?, 201, '{"response_id":1}', 1, '2025-10-15T08:00:00.000Z')
                """, arguments: [String(repeating: "a", count: 64)])
        }
        let made = try store.erase(.withdrawal(.invitationEmail(round: "shop-2025", email: "anna@EXAMPLE.se")))
        #expect(Self.counts(made) == "withdrawal: response 1, invitation 1; 1 responses, 2 personal, 7 other, 1 e-mails")
        #expect(try store.response(1) == nil)
        let left = try store.pool.read { db in
            try ["responses", "answers_shop", "pii_answers_shop", "response_tokens", "idempotency_keys"].map { table in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(table == "responses" ? "id" : "response_id") = 1") ?? -1
            }
        }
        #expect(left == [0, 0, 0, 0, 0])
        let invitation = try #require(try store.invitation(tokenHash: tokens[0].hash))
        #expect(invitation.isWithdrawn && invitation.responseID == nil && invitation.email == nil)

        // The response rate counts the withdrawn invitation as a refusal.
        let summary = try store.roundSummaries()[0]
        #expect(summary.complete == 2)
        #expect(summary.invitationsWithdrawn == 1 && summary.invitationsUsed == 0)
        #expect(summary.responseRate == .invited(InvitationOutcomes(invitations: 2, complete: 0, partial: 0, withoutInvitation: 2, withdrawn: 1)))

        // Its link begins no response: not on the web, nor by an import with its token.
        #expect(throws: StoreError.invitationWithdrawn(1)) {
            _ = try store.createResponse(NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: 1), today: TestSurveys.today)
        }
        #expect(throws: StoreError.invitationWithdrawn(1)) {
            try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
                try inserter.insert(TestSurveys.answers(5), info: ImportedResponseInfo(language: "sv", invitationID: 1))
            }
        }
        #expect(try store.roundSummaries()[0].complete == 2)
        #expect(try store.invitationProgress(tokenHashes: [tokens[0].hash])[tokens[0].hash]?.invitation.isWithdrawn == true)
    }

    @Test func aWithdrawalBeforeAnyResponseRevokesTheLink() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        #expect(throws: StoreError.erasure(.nothingToErase(invitation: 2, round: "shop-2025"))) {
            try store.pool.write { db in try db.execute(sql: "DELETE FROM invitation_emails WHERE invitation_id = 2") }
            _ = try store.erasurePlan(.personalData(.invitation(tokenHash: tokens[1].hash)))
        }
        let made = try store.erase(.withdrawal(.invitation(tokenHash: tokens[1].hash)))
        #expect(Self.counts(made) == "withdrawal: response nil, invitation 2; 0 responses, 0 personal, 0 other, 0 e-mails")
        #expect(try store.invitation(tokenHash: tokens[1].hash)?.isWithdrawn == true)
        #expect(throws: StoreError.invitationWithdrawn(2)) {
            _ = try store.createResponse(NewResponse(round: "shop-2025", language: "sv", source: .web, invitationID: 2), today: TestSurveys.today)
        }
        #expect(throws: StoreError.erasure(.alreadyWithdrawn(invitation: 2, round: "shop-2025", at: made.erasedAt!))) {
            _ = try store.erase(.withdrawal(.invitation(tokenHash: tokens[1].hash)))
        }
    }

    /// A response with no personal answer and no invitation address or label has nothing to erase:
    /// refused as an invitation in that state is, the preview too, and nothing is logged.
    @Test func aResponseWithoutPersonalDataIsRefusedAndNothingIsLogged() throws {
        let (temporary, tokens) = try roundWithInvitations()
        let store = temporary.store
        let made = try store.erase(.personalData(.response(2)))
        let again = ResponseWithoutPersonalData(
            response: 2, round: "shop-2025", status: .complete, answers: 8, invitation: nil, personalDataErasedAt: made.erasedAt, option: "--response")
        #expect(throws: StoreError.erasure(.responseWithoutPersonalData(again))) { _ = try store.erasurePlan(.personalData(.response(2))) }
        #expect(throws: StoreError.erasure(.responseWithoutPersonalData(again))) { _ = try store.erase(.personalData(.response(2))) }

        _ = try store.erase(.personalData(.response(1)))
        #expect(throws: StoreError.erasure(.responseWithoutPersonalData(ResponseWithoutPersonalData(
            response: 1, round: "shop-2025", status: .complete, answers: 7, invitation: 1, personalDataErasedAt: try store.erasures().last?.erasedAt,
            option: "--token", contactErasedAt: try store.erasures().last?.erasedAt)))) {
            _ = try store.erase(.personalData(.invitation(tokenHash: tokens[0].hash)))
        }

        try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            try inserter.insert(TestSurveys.answers(4, email: false), info: ImportedResponseInfo(language: "sv"))
        }
        let neverPersonal = ResponseWithoutPersonalData(
            response: 4, round: "shop-2025", status: .complete, answers: 7, invitation: nil, personalDataErasedAt: nil, option: "--response")
        #expect(throws: StoreError.erasure(.responseWithoutPersonalData(neverPersonal))) { _ = try store.erase(.personalData(.response(4))) }
        #expect(try store.erasures().count == 2, "a refusal logs nothing")
        #expect(try store.response(4)?.answers["founded"] == .integer(1994))
        #expect(StoreError.erasure(.responseWithoutPersonalData(neverPersonal)).diagnostics(database: "samla.sqlite").map(\.description) == [
            "field --response: error[E704]: response 4 of round shop-2025 (complete) holds no personal data: none of its 7 answers is personal "
                + "(no question the survey marks pii is answered), and it came without an invitation; nothing was erased. "
                + "To remove the whole response, for a respondent who withdraws consent, add --withdraw",
        ])
        #expect(try store.erase(.withdrawal(.response(4))).otherAnswers == 7, "--withdraw removes it")
    }

    /// An invited response that never held a personal answer: its first erasure took only the
    /// invitation's address and label, so the second's E704 says that those were erased, not its
    /// personal answers (it said "its personal answers were erased on …").
    @Test func anErasureThatTookOnlyTheContactIsNamedSo() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        let token = InvitationToken.random()
        let invitation = try temporary.store.addInvitations([NewInvitation(token: token, label: "Ljus AB", email: "bo@example.se")],
                                                            round: "shop-2025", today: TestSurveys.today)[0]
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            try inserter.insert(TestSurveys.answers(4, email: false), info: ImportedResponseInfo(language: "sv", invitationID: invitation.id))
        }
        let made = try temporary.store.erase(.personalData(.response(1)))
        #expect(made.personalAnswers == 0 && made.emails == 1)
        let refusal = ResponseWithoutPersonalData(response: 1, round: "shop-2025", status: .complete, answers: 7, invitation: invitation.id,
                                                  personalDataErasedAt: nil, option: "--response", contactErasedAt: made.erasedAt)
        #expect(throws: StoreError.erasure(.responseWithoutPersonalData(refusal))) { _ = try temporary.store.erasurePlan(.personalData(.response(1))) }
        let when = try #require(made.erasedAt).minuteText
        #expect(StoreError.erasure(.responseWithoutPersonalData(refusal)).diagnostics(database: "samla.sqlite").map(\.description) == [
            "field --response: error[E704]: response 1 of round shop-2025 (complete) holds no personal data: none of its 7 answers is personal "
                + "(no question the survey marks pii is answered), and its invitation \(invitation.id) has no e-mail address or label "
                + "(they were erased on \(when); samla erase --log lists it); nothing was erased. "
                + "To remove the whole response, for a respondent who withdraws consent, add --withdraw",
        ])
    }

    /// A response that came after its round's personal data was erased had none erased: its E704
    /// says that no question marked pii is answered, not that its answers were erased.
    @Test func aRoundErasureBeforeAResponseCameIsNotItsErasure() throws {
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let temporary = try TemporaryStore(clock: { start })
        try temporary.open("shop-2025", document)
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            try inserter.insert(TestSurveys.answers(0), info: ImportedResponseInfo(language: "sv"))
        }
        try SQLiteStore(path: temporary.path, clock: { start.addingTimeInterval(60) }).erase(.roundPersonalData(round: "shop-2025"))
        let later = try SQLiteStore(path: temporary.path, clock: { start.addingTimeInterval(120) })
        try later.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            try inserter.insert(TestSurveys.answers(4, email: false), info: ImportedResponseInfo(language: "sv"))
        }
        #expect(throws: StoreError.erasure(.responseWithoutPersonalData(ResponseWithoutPersonalData(
            response: 2, round: "shop-2025", status: .complete, answers: 7, invitation: nil, personalDataErasedAt: nil, option: "--response")))) {
            _ = try later.erasurePlan(.personalData(.response(2)))
        }
    }

    @Test func aResponseWithoutInvitationIsWithdrawnByItsId() throws {
        let (temporary, _) = try roundWithInvitations()
        let store = temporary.store
        let made = try store.erase(.withdrawal(.response(3)))
        #expect(Self.counts(made) == "withdrawal: response 3, invitation nil; 1 responses, 2 personal, 9 other, 0 e-mails")
        #expect(try store.response(3) == nil)
        #expect(throws: StoreError.erasure(.unknownResponse(3, withdrawnAt: made.erasedAt))) { _ = try store.erasurePlan(.personalData(.response(3))) }
        #expect(throws: StoreError.erasure(.unknownResponse(9, withdrawnAt: nil))) { _ = try store.erasurePlan(.withdrawal(.response(9))) }
    }

    @Test func refusalsNameNoOtherAddressAndEraseNothing() throws {
        let (temporary, _) = try roundWithInvitations()
        let store = temporary.store
        #expect(throws: StoreError.erasure(.unknownToken)) { _ = try store.erase(.personalData(.invitation(tokenHash: InvitationToken.random().hash))) }
        #expect(throws: StoreError.erasure(.unknownEmail(round: "shop-2025", withdrawnInvitations: 0))) {
            _ = try store.erase(.personalData(.invitationEmail(round: "shop-2025", email: "cecilia@example.se")))
        }
        _ = try store.addInvitations([NewInvitation(token: .random(), email: "BO@example.org")], round: "shop-2025", today: TestSurveys.today)
        #expect(throws: StoreError.erasure(.ambiguousEmail(round: "shop-2025", responses: [nil, nil]))) {
            _ = try store.erase(.withdrawal(.invitationEmail(round: "shop-2025", email: "bo@example.org")))
        }
        #expect(throws: StoreError.unknownRound("shop-2026", suggestion: nil)) { _ = try store.erase(.roundPersonalData(round: "shop-2026")) }
        #expect(try store.erasures().isEmpty)
        #expect(try store.invitations(round: "shop-2025").compactMap(\.email).count == 3)
        let diagnostics = StoreError.erasure(.ambiguousEmail(round: "shop-2025", responses: [4, nil])).diagnostics(database: "samla.sqlite")
        #expect(diagnostics.map(\.description) == [
            "field --email: error[E703]: 2 invitations of round shop-2025 have this address (response 4; 1 not begun); nothing was erased; "
                + "name each with --response ID, or with --token from the links file",
        ])
    }

    /// The log counts what went and holds none of it; the erased values leave the file and its WAL.
    @Test func theErasedValuesAreInNeitherTheLogNorTheFiles() throws {
        let (temporary, _) = try roundWithInvitations()
        let store = temporary.store
        _ = try store.erase(.withdrawal(.response(1)))
        _ = try store.erase(.personalData(.response(2)))
        let round = try store.erase(.roundPersonalData(round: "shop-2025"))
        #expect(Self.counts(round) == "round-personal-data: response nil, invitation nil; 1 responses, 2 personal, 0 other, 1 e-mails",
                "response 3's answers and bo's address")
        #expect(try store.erasures().map(\.kind) == [.withdrawal, .personalData, .roundPersonalData])
        let logged = try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM erasures").flatMap { $0.databaseValues.map(\.description) } }
        for erased in ["person0@example.se", "person1", "Person 2", "anna@example.se", "Anna@Example.se", "bo@example.org"] {
            #expect(!logged.contains { $0.localizedCaseInsensitiveContains(erased) })
            for file in [temporary.path, temporary.path + "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
                #expect(bytes.range(of: Data(erased.utf8)) == nil, "\(erased) in \(file)")
            }
        }
    }
}
