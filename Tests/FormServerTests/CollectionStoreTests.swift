import Expressions
import Foundation
import GRDB
import Intake
import Store
import SurveyDefinition
import Testing

/// The store's collection writes and the group commit writer, without HTTP.
@Suite struct CollectionStoreTests {
    @Test func oneRefusedWriteLeavesTheOthersOfItsCommit() throws {
        let environment = try TestEnvironment()
        let store = environment.store
        let today = CalendarDate.today()
        let tokens = (0..<3).map { _ in InvitationToken.random() }
        let results = try store.commit([
            .beginAnonymous(AnonymousStart(round: "esem-open", language: "sv", tokenHash: tokens[0].hash, today: today)),
            .beginAnonymous(AnonymousStart(round: "esem-closed", language: "sv", tokenHash: tokens[1].hash, today: today)),
            .beginAnonymous(AnonymousStart(round: "esem-invited", language: "sv", tokenHash: tokens[2].hash, today: today)),
            .savePage(PageSave(target: .response(999), answers: [:], currentPage: nil, language: "sv", completes: false, today: today)),
        ]).results
        guard case .success(.response(let record)) = results[0] else { Issue.record("the open round's start failed: \(results[0])"); return }
        #expect(record.status == .partial && record.source == .web && record.language == "sv")
        #expect(throws: StoreError.roundNotCollecting("esem-closed", phase: .closed)) { try results[1].get() }
        #expect(throws: StoreError.invitationRequired(round: "esem-invited")) { try results[2].get() }
        #expect(throws: StoreError.unknownResponse(999)) { try results[3].get() }
        #expect(try store.linkTarget(tokenHash: tokens[0].hash)?.response?.record.id == record.id)
        #expect(try store.linkTarget(tokenHash: tokens[1].hash) == nil, "the refused start left no token behind")
        #expect(try store.roundSummaries().map(\.started).reduce(0, +) == 1)

        // A page save writes the changed answers, clears what is nil, moves the page, and can complete.
        _ = try store.commit([.savePage(PageSave(
            target: .response(record.id), answers: ["consent": .choice("yes"), "prio_fin": .integer(3), "org_name": .text("Personal")],
            currentPage: "organisation", language: "en", completes: false, today: today))]).results[0].get()
        _ = try store.commit([.savePage(PageSave(
            target: .response(record.id), answers: ["prio_fin": AnswerValue?.none], currentPage: nil, language: "en", completes: true, today: today))]).results[0].get()
        let stored = try #require(try store.linkTarget(tokenHash: tokens[0].hash)?.response)
        #expect(stored.answers == ["consent": .choice("yes"), "org_name": .text("Personal")])
        #expect(stored.record.status == .complete && stored.record.language == "en" && stored.record.submittedAt != nil)
        #expect(throws: StoreError.responseAlreadySubmitted(record.id)) {
            try store.commit([.savePage(PageSave(target: .response(record.id), answers: [:], currentPage: nil, language: "en", completes: false, today: today))]).results[0].get()
        }
        #expect(try store.dailyActivity(round: "esem-open") == [DailyActivity(day: today.description, started: 1, completed: 1)])
    }

    @Test func anInvitationBeginsItsResponseWithTheFirstSave() throws {
        let environment = try TestEnvironment()
        let token = try environment.invite(1)[0]
        let store = environment.store
        let before = try #require(try store.linkTarget(tokenHash: token.hash))
        #expect(before.invitation != nil && before.response == nil && before.round.name == "esem-invited")
        let invitation = try #require(before.invitation)
        let save = PageSave(target: .invitation(invitation.id, round: "esem-invited"), answers: ["consent": .choice("yes")],
                            currentPage: "respondent", language: "en", completes: false, today: .today())
        _ = try store.commit([.savePage(save)]).results[0].get()
        let after = try #require(try store.linkTarget(tokenHash: token.hash)?.response)
        #expect(after.record.invitationID == invitation.id && after.record.currentPage == "respondent")
        // A second tab that still thinks the invitation unused is refused, not given a second response.
        #expect(throws: StoreError.invitationUsed(invitation.id)) { try store.commit([.savePage(save)]).results[0].get() }
    }

    @Test func secretsAreMadeOnceAndKept() throws {
        let environment = try TestEnvironment()
        let first = try environment.store.secret(named: "request-signing", byteCount: 32)
        #expect(first.count == 32)
        #expect(try environment.store.secret(named: "request-signing", byteCount: 32) == first)
        #expect(try SQLiteStore(path: environment.databasePath).secret(named: "request-signing", byteCount: 32) == first)
        #expect(try environment.store.secret(named: "other", byteCount: 32) != first)
    }

    @Test func theWriterBatchesConcurrentWritesAndAnswersEachAfterItsCommit() async throws {
        let environment = try TestEnvironment()
        let writer = GroupCommitWriter(store: environment.store, maximumBatch: 64)
        let today = CalendarDate.today()
        // Another connection pool, as another process would have: a read there begins a new
        // read transaction, which sees every commit made before it.
        let observer = try SQLiteStore(path: environment.databasePath)
        let records = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    let start = AnonymousStart(round: "esem-open", language: "sv", tokenHash: InvitationToken.random().hash, today: today)
                    guard case .response(let record) = try await writer.write(.beginAnonymous(start)).result else { throw TestFailure("no record") }
                    // Acknowledged means committed: a fresh connection sees it.
                    guard try observer.response(record.id) != nil else { throw TestFailure("not committed") }
                    return record.id
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(records).count == 200)
        let statistics = writer.currentStatistics
        #expect(statistics.writes == 200)
        #expect(statistics.commits < 200 && statistics.largestBatch > 1 && statistics.largestBatch <= 64)
        writer.stop()
        await #expect(throws: GroupCommitWriter.WriterError.stopped) {
            try await writer.write(.beginAnonymous(AnonymousStart(round: "esem-open", language: "sv", tokenHash: InvitationToken.random().hash, today: today)))
        }
    }

    @Test func theServiceRefusesWhatTheImportRefuses() async throws {
        let environment = try TestEnvironment()
        let service = SubmissionService(store: environment.store)
        defer { service.shutdown() }
        let submission = APISubmission(
            round: "esem-open", client: "api", language: "sv", answers: ["consent": .text("ja"), "prio_fin": .text("3")], idempotencyKey: "k",
            createdBody: { "\($0)" })
        guard case .refused(let problems) = try await service.submit(submission) else { Issue.record("taken"); return }
        // prio_fin is asked only with consent, whose refused answer leaves that undecided: not an E413.
        #expect(problems.map(\.code.id) == ["E406"])
        #expect(problems.map(\.variable) == ["consent"])
    }
    /// The web form's reads and the writer keep the variable catalogue between requests; a layout
    /// change made meanwhile by another connection (`samla round open` with a new definition)
    /// changes the schema, and both see the new types at once.
    @Test func cachedCataloguesFollowALayoutChangeOfAnotherConnection() throws {
        let environment = try TestEnvironment()
        let store = environment.store
        let today = CalendarDate.today()
        let token = InvitationToken.random()
        let begun = try store.commit([.beginAnonymous(AnonymousStart(round: "esem-open", language: "sv", tokenHash: token.hash, today: today))]).results
        guard case .success(.response(let record)) = begun[0] else { Issue.record("the start failed: \(begun[0])"); return }
        _ = try store.commit([.savePage(PageSave(
            target: .response(record.id), answers: ["consent": .choice("yes"), "year_founded": AnswerValue?.none],
            currentPage: "organisation", language: "sv", completes: false, today: today))]).results[0].get()
        #expect(try store.linkTarget(tokenHash: token.hash)?.response?.answers == ["consent": .choice("yes")])

        // Another connection re-opens the round with year_founded as text (it has no answers yet).
        let text = try String(contentsOfFile: TestEnvironment.repository.appendingPathComponent("surveys/esem-se.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: #"version: "2025.1""#, with: #"version: "2025.2""#)
            .replacingOccurrences(of: "      - name: year_founded\n        type: integer\n", with: "      - name: year_founded\n        type: text\n")
            .replacingOccurrences(of: #"constraint: ". >= 1850 and . <= year(today())""#, with: "")
            .replacingOccurrences(of: "export_as: ESEM_FOUNDED\n        quasi_identifier: true\n", with: "export_as: ESEM_FOUNDED\n")
            .replacingOccurrences(of: "        export_bands: [1990, 2000, 2010, 2015, 2020]\n", with: "")
        let retyped = try #require(SurveyLoader.load(text: text, path: "esem-se-2025.2.yaml").document)
        let other = try SQLiteStore(path: environment.databasePath)
        let opening = try other.openRound(RoundRequest(
            name: "esem-open", document: retyped, opens: CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 1),
            closes: CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 30), anonymous: true))
        #expect(opening.layoutChange.retyped == ["year_founded"])

        _ = try store.commit([.savePage(PageSave(
            target: .response(record.id), answers: ["year_founded": .text("sedan länge")],
            currentPage: "organisation", language: "sv", completes: false, today: today))]).results[0].get()
        #expect(try store.linkTarget(tokenHash: token.hash)?.response?.answers["year_founded"] == .text("sedan länge"))
    }
}

