import Expressions
import GRDB
import SurveyDefinition
import Testing
@testable import Store

@Suite struct BulkInsertTests {
    @Test func insertsCompleteResponsesThatReadBackExactly() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        let submitted = Timestamp(iso: "2025-10-02T09:00:00+02:00")!
        let count = try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            for i in 0..<300 {
                let id = try inserter.insert(TestSurveys.answers(i, email: i % 5 != 0),
                                             info: ImportedResponseInfo(language: i % 3 == 2 ? "en" : "sv", submittedAt: i == 0 ? submitted : nil))
                #expect(id == Int64(i + 1))
            }
        }
        #expect(count == 300)
        let variables = document.survey.variables.map(\.name)
        for i in [0, 1, 2, 3, 5, 299] {
            let response = try #require(try store.response(Int64(i + 1)))
            #expect(response.record.status == .complete)
            #expect(response.record.source == .import)
            #expect(response.record.language == (i % 3 == 2 ? "en" : "sv"))
            #expect(response.record.definitionHash == document.contentHash)
            var expected: [String: AnswerValue] = [:]
            for (name, value) in zip(variables, TestSurveys.answers(i, email: i % 5 != 0)) { expected[name] = value }
            #expect(response.answers == expected)
        }
        #expect(try store.response(1)?.record.submittedAt == Timestamp(iso: "2025-10-02T07:00:00Z"))
        let personalRows = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pii_answers_shop") }
        #expect(personalRows == 240, "no personal row for responses without personal answers")
        let summary = try store.roundSummaries()[0]
        #expect((summary.started, summary.complete) == (300, 300))
        #expect(summary.byLanguage.map(\.language) == ["en", "sv"])
        #expect(summary.byLanguage.map(\.complete) == [100, 200])
    }

    @Test func aFailingBatchLeavesTheStoreUnchanged() throws {
        struct StopImport: Error {}
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        try temporary.importResponses(10, round: "shop-2025", document)
        let before = try contents(store)

        #expect(throws: StopImport.self) {
            try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
                for i in 0..<500 { try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv")) }
                throw StopImport()
            }
        }
        #expect(throws: StoreError.answerTypeMismatch(variable: "founded", expected: .integer, value: .decimal(1.5))) {
            try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
                for i in 0..<20 { try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv")) }
                var bad = TestSurveys.answers(0)
                bad[1] = .decimal(1.5)
                try inserter.insert(bad, info: ImportedResponseInfo(language: "sv"))
            }
        }
        #expect(try contents(store) == before)
        try temporary.importResponses(1, round: "shop-2025", document)
        #expect(try store.response(11)?.record.status == .complete, "ids continue where the kept rows end")
    }

    @Test func aRefusedValueLeavesNoTraceAndTheBatchMayGoOn() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        var refused: [Int] = []
        let count = try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            for i in 0..<10 {
                var values = TestSurveys.answers(i)
                if i == 3 { values[11] = .integer(7) }      // contact_name is text: refused after the other values were staged
                if i == 6 { values[8] = .text("2020-01-01") } // started is a date
                do {
                    try inserter.insert(values, info: ImportedResponseInfo(language: "sv"))
                } catch StoreError.answerTypeMismatch {
                    refused.append(i)
                }
            }
        }
        #expect(count == 8)
        #expect(refused == [3, 6])
        let (responses, answers, personal) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM responses")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM answers_shop")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM pii_answers_shop")!)
        }
        #expect((responses, answers, personal) == (8, 8, 8))
        let fourth = try #require(try store.response(4))
        #expect(fourth.answers["contact_name"] == .text("Person 4"), "the row after a refused one has its own values")
    }

    @Test func theWriterGetsItsSettingsBackAfterABulkInsert() throws {
        struct StopImport: Error {}
        let temporary = try TemporaryStore()
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        func settings() throws -> [Int] {
            try temporary.store.pool.write { db in
                [try Int.fetchOne(db, sql: "PRAGMA foreign_keys")!, try Int.fetchOne(db, sql: "PRAGMA cache_size")!]
            }
        }
        let before = try settings()
        #expect(before[0] == 1)
        try temporary.importResponses(3, round: "shop-2025", document)
        #expect(try settings() == before)
        #expect(throws: StopImport.self) {
            try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { _ in throw StopImport() }
        }
        #expect(try settings() == before)
    }

    @Test func onlyTheRoundsPinnedDefinitionIsAccepted() throws {
        let temporary = try TemporaryStore()
        let v1 = TestSurveys.document()
        let v2 = TestSurveys.document(version: "2")
        try temporary.open("shop-2025", v1)
        #expect(throws: StoreError.definitionNotPinned(round: "shop-2025", pinned: v1.contentHash, given: v2.contentHash)) {
            try temporary.importResponses(1, round: "shop-2025", v2)
        }
    }

    /// Every row of the tables that hold responses, as text.
    func contents(_ store: SQLiteStore) throws -> [String] {
        try store.pool.read { db in
            try ["responses", "answers_shop", "pii_answers_shop", "invitations"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\(table) \($0)" }
            }
        }
    }
}

@Suite struct ScanTests {
    @Test func scansTheChosenVariablesOfARoundsCompleteResponses() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("open-door", document, anonymous: true)
        try temporary.open("shop-2026", document)
        try temporary.importResponses(30, round: "open-door", document)
        try temporary.importResponses(5, round: "shop-2026", document)
        let partial = try store.createResponse(NewResponse(round: "open-door", language: "sv", source: .web), today: TestSurveys.today)
        try store.saveAnswers(["founded": .integer(1850)], response: partial.id, currentPage: "about")

        struct Seen: Equatable { var id: Int64; var founded: Int64?; var share: Double?; var consent: Int64?; var barriers: String?; var email: String?; var form: AnswerValue? }
        var seen: [Seen] = []
        let read = try store.scanResponses(
            round: "open-door", variables: ["founded", "share", "consent", "barriers", "contact_email", "legal_form"], selection: .complete
        ) { row in
            #expect(row.variableCount == 6)
            #expect(row.status == .complete)
            #expect(row.submittedAt != nil)
            #expect(row.language == (row.responseID % 3 == 0 ? "en" : "sv"))
            let byteCount = row.withUTF8(3) { $0.count }
            #expect(byteCount == row.text(3)?.utf8.count)
            seen.append(Seen(id: row.responseID, founded: row.integer(0), share: row.decimal(1), consent: row.integer(2),
                             barriers: row.text(3), email: row.text(4), form: row.value(5)))
        }
        #expect(read == 30)
        #expect(seen.map(\.id) == Array(1...30))
        for (i, row) in seen.enumerated() {
            let answers = TestSurveys.answers(i)
            #expect(row.founded == 1990 + Int64(i % 30))
            #expect(row.share == Double(i % 100) / 100)
            #expect(row.consent == (i % 2 == 0 ? 1 : 0))
            #expect(row.barriers == (i % 4 == 0 ? nil : "money rules"))
            #expect(row.email == "person\(i)@example.se")
            #expect(row.form == answers[3])
        }

        var statuses: [ResponseStatus] = []
        var partialFounded: Double?
        try store.scanResponses(round: "open-door", variables: ["founded"], selection: .all) { row in
            statuses.append(row.status)
            if row.status == .partial { partialFounded = row.decimal(0) }
        }
        #expect(statuses.filter { $0 == .partial }.count == 1)
        #expect(statuses.count == 31)
        #expect(partialFounded == 1850)
    }

    @Test func typedValuesComeBackAsStored() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        try temporary.importResponses(6, round: "shop-2025", document)
        let names = document.survey.variables.map(\.name)
        var rows: [[AnswerValue?]] = []
        try store.scanResponses(round: "shop-2025", variables: names, selection: .complete) { row in
            rows.append((0..<row.variableCount).map(row.value))
        }
        #expect(rows == (0..<6).map { TestSurveys.answers($0) })
    }

    @Test func unknownVariablesAndRoundsAreRefused() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", TestSurveys.document())
        #expect(throws: StoreError.unknownVariable("foundd", survey: "shop")) {
            try temporary.store.scanResponses(round: "shop-2025", variables: ["founded", "foundd"], selection: .complete) { _ in }
        }
        #expect(throws: StoreError.unknownRound("shop", suggestion: nil)) {
            try temporary.store.scanResponses(round: "shop", variables: [], selection: .complete) { _ in }
        }
    }
}
