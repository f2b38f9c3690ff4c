import Expressions
import Foundation
import GRDB
import SurveyDefinition
import Testing
@testable import Store

@Suite struct ResponseStoreTests {
    @Test func webResponsesAreSavedPageByPageAndCompleted() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("open-door", document, anonymous: true)

        let begun = try store.createResponse(NewResponse(round: "open-door", language: "en", source: .web, currentPage: "about"), today: TestSurveys.today)
        #expect(begun.status == .partial)
        #expect(begun.definitionHash == document.contentHash)
        #expect(begun.submittedAt == nil)
        #expect(begun.currentPage == "about")

        try store.saveAnswers(
            ["consent": .boolean(true), "founded": .integer(2011), "share": .integer(1), "legal_form": .choice("other"),
             "legal_form_other": .text("stiftelse"), "barriers": .choices(["money", "skills"])],
            response: begun.id, currentPage: "more")
        try store.saveAnswers(
            ["voice_staff": .choice("3"), "started": .date(CalendarDate(year: 2011, month: 5, day: 2)!),
             "contact_email": .text("anna@example.se")],
            response: begun.id, currentPage: "more")
        // Going back and changing a page: a cleared answer disappears.
        try store.saveAnswers(["legal_form": .choice("ab"), "legal_form_other": nil], response: begun.id, currentPage: "about")

        let saved = try #require(try store.response(begun.id))
        #expect(saved.record.currentPage == "about")
        #expect(saved.record.updatedAt >= begun.updatedAt)
        #expect(saved.answers == [
            "consent": .boolean(true), "founded": .integer(2011), "share": .decimal(1), "legal_form": .choice("ab"),
            "barriers": .choices(["money", "skills"]), "voice_staff": .choice("3"),
            "started": .date(CalendarDate(year: 2011, month: 5, day: 2)!), "contact_email": .text("anna@example.se"),
        ])
        let personalRow = try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM pii_answers_shop WHERE response_id = ?", arguments: [begun.id])
        }
        #expect(personalRow?["contact_email"] == "anna@example.se")
        #expect(try store.pool.read { try Row.fetchOne($0, sql: "PRAGMA table_info(answers_shop)") }.map { _ in true } == true)

        let done = try store.completeResponse(begun.id)
        #expect(done.status == .complete)
        #expect(done.submittedAt != nil)
        #expect(throws: StoreError.responseAlreadySubmitted(begun.id)) {
            try store.saveAnswers(["founded": .integer(2012)], response: begun.id, currentPage: nil)
        }
        #expect(throws: StoreError.responseAlreadySubmitted(begun.id)) { _ = try store.completeResponse(begun.id) }
        #expect(try store.response(begun.id)?.answers["founded"] == .integer(2011))
    }

    @Test func answersMustFitTheirVariables() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try temporary.open("open-door", TestSurveys.document(), anonymous: true)
        let id = try store.createResponse(NewResponse(round: "open-door", language: "sv", source: .web), today: TestSurveys.today).id
        #expect(throws: StoreError.unknownVariable("fonded", survey: "shop")) {
            try store.saveAnswers(["fonded": .integer(2011)], response: id, currentPage: nil)
        }
        #expect(throws: StoreError.answerTypeMismatch(variable: "founded", expected: .integer, value: .text("2011"))) {
            try store.saveAnswers(["consent": .boolean(true), "founded": .text("2011")], response: id, currentPage: nil)
        }
        #expect(try store.response(id)?.answers.isEmpty == true, "a refused page saves nothing")
        #expect(throws: StoreError.unknownResponse(404)) {
            try store.saveAnswers(["founded": .integer(2011)], response: 404, currentPage: nil)
        }
        #expect(try store.response(404) == nil)
    }

    @Test func responsesBeginOnlyWhileTheRoundCollects() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try temporary.open("open-door", TestSurveys.document(), anonymous: true)
        let new = NewResponse(round: "open-door", language: "sv", source: .web)
        #expect(throws: StoreError.roundNotCollecting("open-door", phase: .scheduled)) {
            _ = try store.createResponse(new, today: .init(year: 2025, month: 9, day: 30)!)
        }
        #expect(throws: StoreError.roundNotCollecting("open-door", phase: .ended)) {
            _ = try store.createResponse(new, today: .init(year: 2026, month: 2, day: 1)!)
        }
        _ = try store.closeRound(named: "open-door")
        #expect(throws: StoreError.roundNotCollecting("open-door", phase: .closed)) {
            _ = try store.createResponse(new, today: TestSurveys.today)
        }
    }

    @Test func personalDataOfARoundIsErasedAlone() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        try temporary.open("shop-2026", document)
        try temporary.importResponses(4, round: "shop-2025", document)
        try temporary.importResponses(2, round: "shop-2026", document)
        _ = try store.addInvitations([NewInvitation(token: .random(), label: "A", email: "a@example.se")], round: "shop-2025", today: TestSurveys.today)

        let erasure = try store.erase(.roundPersonalData(round: "shop-2025"))
        #expect((erasure.responses, erasure.personalAnswers, erasure.emails) == (4, 8, 1))
        for id in Int64(1)...4 {
            let response = try #require(try store.response(id))
            #expect(response.answers["contact_email"] == nil && response.answers["contact_name"] == nil)
            #expect(response.answers["founded"] != nil)
        }
        #expect(try store.response(5)?.answers["contact_email"] == .text("person0@example.se"))
        let invitation = try #require(try store.invitations(round: "shop-2025").first)
        #expect(invitation.email == nil && invitation.label == "A")
        let again = try store.erase(.roundPersonalData(round: "shop-2025"))
        #expect((again.responses, again.personalAnswers, again.emails) == (0, 0, 0))
        #expect(try store.roundSummaries()[0].complete == 4)
    }
}

/// The times a store writes come from its clock, on the form's path and on the store's own
/// calls alike, and a scan reads them back.
@Suite struct ResponseTimeTests {
    static let start = Date(timeIntervalSince1970: 1_760_000_000)

    /// The store on `temporary`'s file whose clock stands `minutes` after ``start``.
    static func store(_ temporary: TemporaryStore, at minutes: Double) throws -> SQLiteStore {
        try SQLiteStore(path: temporary.path, clock: { start.addingTimeInterval(minutes * 60) })
    }

    static func time(_ minutes: Double) -> Timestamp { Timestamp(start.addingTimeInterval(minutes * 60)) }

    static func record(_ batch: CommittedBatch) throws -> ResponseRecord {
        guard case .response(let record) = try batch.results[0].get() else { throw StoreError.unknownResponse(0) }
        return record
    }

    @Test func aResponseIsStampedWithTheStoresClockAndScannedWithItsTimes() throws {
        let temporary = try TemporaryStore()
        try temporary.open("open-door", TestSurveys.document(), anonymous: true)
        let begun = try Self.store(temporary, at: 0).createResponse(NewResponse(round: "open-door", language: "sv", source: .web), today: TestSurveys.today)
        try Self.store(temporary, at: 2).saveAnswers(["founded": .integer(2011)], response: begun.id, currentPage: nil)
        let done = try Self.store(temporary, at: 5).completeResponse(begun.id)
        #expect(done.startedAt == Self.time(0) && done.submittedAt == Self.time(5) && done.updatedAt == Self.time(5))

        let start = AnonymousStart(round: "open-door", language: "sv", tokenHash: InvitationToken.random().hash, today: TestSurveys.today)
        let form = try Self.record(try Self.store(temporary, at: 10).commit([.beginAnonymous(start)]))
        let save = PageSave(target: .response(form.id), answers: ["founded": .integer(2012)], currentPage: nil, language: "sv", completes: false, today: TestSurveys.today)
        let saved = try Self.record(try Self.store(temporary, at: 12.5).commit([.savePage(save)]))
        #expect(saved.startedAt == Self.time(10) && saved.updatedAt == Self.time(12.5) && saved.submittedAt == nil)

        var times: [Int64: [Timestamp?]] = [:]
        try temporary.store.scanResponses(round: "open-door", variables: ["founded"], selection: .all) { row in
            times[row.responseID] = [row.startedAt, row.updatedAt, row.submittedAt]
        }
        #expect(times == [begun.id: [Self.time(0), Self.time(5), Self.time(5)], form.id: [Self.time(10), Self.time(12.5), nil]])
        #expect(Self.time(12.5).millisecondsSinceEpoch - Self.time(10).millisecondsSinceEpoch == 150_000)
    }
}
