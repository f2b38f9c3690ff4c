import Expressions
import GRDB
import SurveyDefinition
import Testing
@testable import Store

/// The import's fast path: responses encoded in a `ResponseBatch` and bound from its bytes.
@Suite struct ResponseBatchTests {
    @Test func aBatchStoresWhatOneByOneInsertsStore() throws {
        let document = TestSurveys.document()
        let names = document.survey.variables.map(\.name)
        let submitted = try #require(Timestamp(iso: "2025-10-02T09:00:00.123+02:00"))

        let oneByOne = try TemporaryStore()
        try oneByOne.open("shop-2025", document)
        try oneByOne.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            for i in 0..<700 {
                try inserter.insert(TestSurveys.answers(i, email: i % 5 != 0),
                                    info: ImportedResponseInfo(language: i % 3 == 2 ? "en" : "sv", submittedAt: submitted))
            }
        }

        let batched = try TemporaryStore()
        try batched.open("shop-2025", document)
        let milliseconds = try #require(Array(submitted.text.utf8).withUnsafeBytes { Timestamp.milliseconds(isoBytes: $0) })
        let count = try batched.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            // One batch refilled again and again, as the importer does: texts of earlier rows must not linger.
            var batch = ResponseBatch(survey: document.survey)
            for start in stride(from: 0, to: 700, by: 256) {
                batch.removeAll()
                for i in start..<min(start + 256, 700) {
                    try batch.append(TestSurveys.answers(i, email: i % 5 != 0), language: i % 3 == 2 ? "en" : "sv",
                                     submittedAtMilliseconds: milliseconds)
                }
                try inserter.insert(batch)
            }
        }
        #expect(count == 700)

        func everything(_ store: SQLiteStore) throws -> [[AnswerValue?]] {
            var rows: [[AnswerValue?]] = []
            try store.scanResponses(round: "shop-2025", variables: names, selection: .complete) { row in
                rows.append([.text(row.language), row.submittedAt.map { .text($0.text) }] + (0..<row.variableCount).map(row.value))
            }
            return rows
        }
        let expected = try everything(oneByOne.store)
        #expect(expected.count == 700)
        #expect(try everything(batched.store) == expected)
        #expect(try batched.store.response(1)?.record.submittedAt?.text == "2025-10-02T07:00:00.123Z")
        let personal = try batched.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pii_answers_shop") }
        #expect(personal == 560, "no personal row for responses without personal answers")
    }

    @Test func textsComeBackByteForByte() throws {
        let temporary = try TemporaryStore()
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        let stories = ["", " ", "a", "Vi säljer \"kaffe\", te; och 🍰\nrad två", String(repeating: "å", count: 5000), "tab\there"]
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            var batch = ResponseBatch(survey: document.survey)
            for (i, story) in stories.enumerated() {
                var values = TestSurveys.answers(i)
                values[9] = .text(story)
                try batch.append(values, language: "sv", submittedAtMilliseconds: nil)
            }
            try inserter.insert(batch)
        }
        var read: [String?] = []
        var times: [Timestamp?] = []
        try temporary.store.scanResponses(round: "shop-2025", variables: ["story"], selection: .complete) { row in
            read.append(row.text(0))
            times.append(row.submittedAt)
        }
        #expect(read == stories)
        #expect(times.allSatisfy { $0 != nil }, "a response without a time gets the time of the insert")
    }

    @Test func aValueOfAnotherTypeLeavesTheBatchAsItWas() throws {
        let document = TestSurveys.document()
        var batch = ResponseBatch(survey: document.survey)
        try batch.append(TestSurveys.answers(0), language: "sv", submittedAtMilliseconds: nil)
        var bad = TestSurveys.answers(1)
        bad[11] = .integer(7)
        #expect(throws: StoreError.answerTypeMismatch(variable: "contact_name", expected: .text, value: .integer(7))) {
            try batch.append(bad, language: "sv", submittedAtMilliseconds: nil)
        }
        #expect(batch.count == 1)
        #expect(batch.cells.count == batch.width)

        // A whole number is taken for a decimal, as the store's columns take it.
        var whole = TestSurveys.answers(2)
        whole[2] = .integer(3)
        try batch.append(whole, language: "en", submittedAtMilliseconds: nil)
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { try $0.insert(batch) }
        var shares: [Double?] = []
        try temporary.store.scanResponses(round: "shop-2025", variables: ["share"], selection: .complete) { shares.append($0.decimal(0)) }
        #expect(shares == [0, 3])
    }

    @Test func aBatchTypedUnlikeTheColumnsIsRefusedAtTheFirstValueTheyDoNotTake() throws {
        let temporary = try TemporaryStore()
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        // Batches typed by a survey whose `founded` is text: the stored integer column refuses its texts.
        let names = document.survey.variables.map(\.name)
        var types = document.survey.variables.map(\.type)
        types[1] = .text
        var batch = ResponseBatch(names: names, types: types)
        for i in 0..<5 {
            var values = TestSurveys.answers(i)
            values[1] = i == 3 ? .text("nittonhundra") : nil
            try batch.append(values, language: "sv", submittedAtMilliseconds: nil)
        }
        #expect(throws: StoreError.answerTypeMismatch(variable: "founded", expected: .integer, value: .text("nittonhundra"))) {
            try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
                do {
                    try inserter.insert(batch)
                } catch {
                    #expect((inserter as? BulkResponseInserter)?.inserted == 3, "the responses before the refused one are in")
                    throw error
                }
            }
        }
        let stored = try temporary.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM responses") }
        #expect(stored == 0, "the batch's transaction was rolled back")
    }

    /// A partial response (an import's row marked partial) is stored as the web form stores one it
    /// has not had submitted: status partial, no submission time, its time as begun and last saved,
    /// the page it reached; whether it comes one by one or in a batch.
    @Test func aPartialResponseIsStoredUnsubmittedWithItsPage() throws {
        let document = TestSurveys.document()
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        let saved = try #require(Timestamp(iso: "2025-10-02T09:00:00Z"))
        let milliseconds = try #require(Array(saved.text.utf8).withUnsafeBytes { Timestamp.milliseconds(isoBytes: $0) })
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            var batch = ResponseBatch(survey: document.survey)
            try batch.append(TestSurveys.answers(0), language: "sv", submittedAtMilliseconds: milliseconds)
            try batch.append(TestSurveys.answers(1), language: "en", submittedAtMilliseconds: milliseconds, status: .partial, currentPage: "p2")
            try batch.append(TestSurveys.answers(2), language: "sv", submittedAtMilliseconds: nil, status: .partial)
            try inserter.insert(batch)
            try inserter.insert(TestSurveys.answers(3), info: ImportedResponseInfo(language: "sv", submittedAt: saved, status: .partial, currentPage: "p1"))
        }
        let records = try (1...4).map { try #require(try temporary.store.response(Int64($0))).record }
        #expect(records.map(\.status) == [.complete, .partial, .partial, .partial])
        #expect(records.map(\.submittedAt) == [saved, nil, nil, nil])
        #expect(records.map(\.currentPage) == [nil, "p2", nil, "p1"])
        #expect(records[1].startedAt == saved && records[1].updatedAt == saved && records[3].startedAt == saved)
        #expect(records[2].startedAt == records[2].updatedAt && records[2].startedAt != saved, "no time: the time of the insert")
        #expect(records.allSatisfy { $0.source == .import })
        #expect(try temporary.store.response(2)?.answers["founded"] == .integer(1991))

        var complete = 0, all: [ResponseStatus] = []
        try temporary.store.scanResponses(round: "shop-2025", variables: ["founded"], selection: .complete) { _ in complete += 1 }
        try temporary.store.scanResponses(round: "shop-2025", variables: ["founded"], selection: .all) { all.append($0.status) }
        #expect(complete == 1)
        #expect(all == [.complete, .partial, .partial, .partial])
        let summary = try #require(try temporary.store.roundSummaries().first)
        #expect(summary.started == 4 && summary.complete == 1)
    }

    @Test(arguments: [
        ("2025-10-09", "2025-10-09T00:00:00.000Z"),
        ("2025-10-09T08:53:20.5Z", "2025-10-09T08:53:20.500Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ("0001-01-01T00:00Z", "0001-01-01T00:00:00.000Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
    ])
    func timesAreWrittenAsTimestampWritesThem(_ input: String, _ stored: String) throws {
        let milliseconds = try #require(Array(input.utf8).withUnsafeBytes { Timestamp.milliseconds(isoBytes: $0) })
        var bytes: [UInt8] = []
        Timestamp.appendText(milliseconds: milliseconds, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == stored)
        #expect(Timestamp(iso: input)?.text == stored)
    }

    @Test func datesAreWrittenWithFourDigitYears() throws {
        let document = TestSurveys.document()
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", document)
        let dates = [CalendarDate(year: 1, month: 1, day: 1)!, CalendarDate(year: 999, month: 12, day: 31)!, CalendarDate(year: 2024, month: 2, day: 29)!]
        try temporary.store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            var batch = ResponseBatch(survey: document.survey)
            for date in dates {
                var values = TestSurveys.answers(0)
                values[8] = .date(date)
                try batch.append(values, language: "sv", submittedAtMilliseconds: nil)
            }
            try inserter.insert(batch)
        }
        var texts: [String?] = []
        try temporary.store.scanResponses(round: "shop-2025", variables: ["started"], selection: .complete) { texts.append($0.text(0)) }
        #expect(texts == ["0001-01-01", "0999-12-31", "2024-02-29"])
    }
}
