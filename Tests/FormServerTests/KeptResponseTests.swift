import Expressions
import Foundation
import Responses
@testable import Intake
import Store
import SurveyDefinition
import Testing

/// Responses kept in memory between their pages: the store's epoch, the refusal of a save diffed
/// against state of a passed epoch, and the cache's leases.
@Suite struct KeptResponseTests {
    private let today = CalendarDate.today()

    private func begin(_ store: SQLiteStore) throws -> (InvitationToken, ResponseRecord) {
        let token = InvitationToken.random()
        let begun = try store.commit([.beginAnonymous(AnonymousStart(round: "esem-open", language: "sv", tokenHash: token.hash, today: today))])
        guard case .response(let record) = try begun.results[0].get() else { throw TestFailure("no response begun") }
        return (token, record)
    }

    private func save(_ answers: [String: AnswerValue?], to record: ResponseRecord, expecting epoch: CommitEpoch? = nil) -> PageSave {
        PageSave(target: .response(record.id), answers: answers, currentPage: "respondent", language: "sv", completes: false, today: today, expectedEpoch: epoch)
    }

    @Test func theEpochMovesWhenAnythingButTheStoresOwnBatchesChangesTheDatabase() throws {
        let environment = try TestEnvironment()
        let store = environment.store
        let (_, record) = try begin(store)
        // The rounds the environment opened moved it once, at the first batch.
        let start = store.commitEpoch
        #expect(start == CommitEpoch(1))
        let first = try store.commit([.savePage(save(["prio_fin": .integer(3)], to: record, expecting: start))])
        _ = try first.results[0].get()
        #expect(first.epoch == start, "the store's own batches leave the epoch as it is")
        #expect(store.commitEpoch == start)

        // Another connection on the file commits: the next batch is in a new epoch, and a save
        // diffed against the old one is refused without writing anything.
        let other = try SQLiteStore(path: environment.databasePath)
        _ = try other.commit([.savePage(save(["prio_imp": .integer(7)], to: record))]).results[0].get()
        let refused = try store.commit([.savePage(save(["prio_fin": .integer(9)], to: record, expecting: start))])
        #expect(refused.epoch == CommitEpoch(start.value + 1))
        #expect(throws: ChangedElsewhere(expected: start, current: refused.epoch)) { try refused.results[0].get() }
        #expect(try store.response(record.id)?.answers["prio_fin"] == .integer(3))
        #expect(try store.response(record.id)?.answers["prio_imp"] == .integer(7))

        // The same store writing outside a batch (here a round closed) moves it too.
        let current = store.commitEpoch
        _ = try store.closeRound(named: "esem-later")
        let after = try store.commit([.savePage(save(["prio_fin": .integer(9)], to: record, expecting: current))])
        #expect(after.epoch == CommitEpoch(current.value + 1))
        #expect(throws: ChangedElsewhere.self) { try after.results[0].get() }
        _ = try store.commit([.savePage(save(["prio_fin": .integer(9)], to: record, expecting: after.epoch))]).results[0].get()
        #expect(try store.response(record.id)?.answers["prio_fin"] == .integer(9))
    }

    private func post(_ fields: [String: FormField], page: String, _ service: SubmissionService, token: InvitationToken) async throws -> (PagePostOutcome, wasKept: Bool) {
        try await service.openForPost(token: token.text) { response in
            guard let response else { throw TestFailure("the link opens nothing") }
            var post = PagePost(page: page, fields: fields, action: .next, language: "sv")
            let outcome = try await service.post(&post, to: response)
            return (outcome, response.wasKept)
        }
    }

    private let respondentPage: [String: FormField] = [
        "resp_role": .text("founder"), "registered": .text("yes"), "prio_fin": .text("3"), "prio_imp": .text("4"),
    ]

    /// The lost update the epoch prevents: kept state says prio_fin is 3, another process has
    /// cleared it since, and the respondent posts 3 again. A diff against the kept state would
    /// find nothing to save.
    @Test func aKeptResponseChangedByAnotherProcessIsReadAgainBeforeItsSave() async throws {
        let environment = try TestEnvironment()
        let service = SubmissionService(store: environment.store)
        defer { service.shutdown() }
        let (token, record) = try begin(environment.store)

        let (welcome, keptAtFirst) = try await post(["consent": .text("yes")], page: "welcome", service, token: token)
        guard case .moved = welcome else { Issue.record("welcome page: \(welcome)"); return }
        #expect(!keptAtFirst, "the first post reads the store")
        let (respondent, keptAtSecond) = try await post(respondentPage, page: "respondent", service, token: token)
        guard case .moved = respondent else { Issue.record("respondent page: \(respondent)"); return }
        #expect(keptAtSecond, "the second post uses what the first one saved")
        #expect(service.keptResponseCount == 1)

        let other = try SQLiteStore(path: environment.databasePath)
        _ = try other.commit([.savePage(save(["prio_fin": AnswerValue?.none], to: record))]).results[0].get()
        let (again, _) = try await post(respondentPage, page: "respondent", service, token: token)
        guard case .moved = again else { Issue.record("the repeated page: \(again)"); return }
        #expect(try environment.store.response(record.id)?.answers["prio_fin"] == .integer(3))
    }

    @Test func aPostThatSavesNothingIsAnsweredFromTheStore() async throws {
        let environment = try TestEnvironment()
        let service = SubmissionService(store: environment.store)
        defer { service.shutdown() }
        let (token, _) = try begin(environment.store)
        _ = try await post(["consent": .text("yes")], page: "welcome", service, token: token)

        // Closed by another process: the kept state still says collecting, and the page has a
        // problem, so nothing would reach the store's checks.
        _ = try SQLiteStore(path: environment.databasePath).closeRound(named: "esem-open")
        var incomplete = respondentPage
        incomplete["prio_fin"] = .text("eleven")
        let (outcome, _) = try await post(incomplete, page: "respondent", service, token: token)
        guard case .notCollecting(.closed) = outcome else { Issue.record("expected the closed round, got \(outcome)"); return }
    }

    @Test func answersAreKeptAsTheirColumnsGiveThemBack() throws {
        #expect(AnswerValue.integer(3).stored(as: .decimal) == .decimal(3))
        #expect(AnswerValue.choices([]).stored(as: .choices) == .choices([]))
        #expect(AnswerValue.text("x").stored(as: .integer) == nil, "a value its column cannot hold")
    }

    private func kept(_ environment: TestEnvironment, record: ResponseRecord? = nil, epoch: Int = 0) throws -> KeptResponse {
        let round = try #require(try environment.store.round(named: "esem-open"))
        return KeptResponse(round: round, invitation: nil, record: record, stored: [], epoch: CommitEpoch(epoch))
    }

    @Test func overlappingPostsOfOneLinkKeepNothing() throws {
        let environment = try TestEnvironment()
        let cache = OpenResponseCache(capacity: 8)
        let first = cache.lease("t")
        #expect(first.left == nil)
        first.left = try kept(environment, epoch: 1)
        cache.end(first)
        #expect(cache.count == 1)

        let second = cache.lease("t")
        #expect(second.left?.epoch == CommitEpoch(1))
        let overlapping = cache.lease("t")
        #expect(overlapping.left == nil, "a post under way holds the state")
        second.left = try kept(environment, epoch: 2)
        overlapping.left = try kept(environment, epoch: 3)
        cache.end(second)
        cache.end(overlapping)
        #expect(cache.count == 0)
        #expect(cache.lease("t").left == nil)
    }

    @Test func completedResponsesAreNotKeptAndTheLeastRecentGoFirst() throws {
        let environment = try TestEnvironment()
        let (_, record) = try begin(environment.store)
        var complete = record
        complete.status = .complete
        let cache = OpenResponseCache(capacity: 4)
        let done = cache.lease("done")
        done.left = try kept(environment, record: complete)
        cache.end(done)
        #expect(cache.count == 0)

        for key in ["a", "b", "c", "d", "e"] {
            let lease = cache.lease(key)
            lease.left = try kept(environment)
            cache.end(lease)
        }
        #expect(cache.count == 4)
        #expect(cache.lease("a").left == nil, "the least recently posted went")
        #expect(cache.lease("e").left != nil)
    }
}
