import Expressions
import Foundation
@testable import Intake
import Store
import Testing

/// The starts of an anonymous round remembered for a double click on the start button.
@Suite struct AnonymousStartsTests {
    static let round = Round(
        id: 1, name: "forum-2026", surveyID: "forum", definitionHash: "hash", opens: CalendarDate(daysSinceEpoch: 20_000),
        closes: CalendarDate(daysSinceEpoch: 20_100), status: .open, isAnonymous: true, createdAt: Timestamp(millisecondsSinceEpoch: 0))
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Counts the responses begun.
    final class Begun: @unchecked Sendable {
        private let lock = NSLock()
        private var tokens: [InvitationToken] = []

        var count: Int { lock.withLock { tokens.count } }

        /// Posts the start form of `nonce` to `starts` at `seconds` after ``now``.
        func post(_ nonce: String, to starts: AnonymousStarts, at seconds: Double) async throws {
            _ = try await starts.begin(nonce: nonce, now: AnonymousStartsTests.now.addingTimeInterval(seconds)) { try await self.begin() }
        }

        func begin() async throws -> AnonymousStartOutcome {
            let token = InvitationToken.random()
            lock.withLock { tokens.append(token) }
            try await Task.sleep(for: .milliseconds(20))
            return .started(token, AnonymousStartsTests.round)
        }
    }

    @Test func aDoubleClickGetsTheResponseTheFirstPostBegan() async throws {
        let starts = AnonymousStarts()
        let begun = Begun()
        async let first = starts.begin(nonce: "n", now: Self.now) { try await begun.begin() }
        async let second = starts.begin(nonce: "n", now: Self.now.addingTimeInterval(1)) { try await begun.begin() }
        let (a, b) = try await (first, second)
        guard case .started(let one, _) = a, case .started(let other, _) = b else { Issue.record("both began"); return }
        #expect(one == other)
        #expect(begun.count == 1)
        let later = try await starts.begin(nonce: "n", now: Self.now.addingTimeInterval(300)) { try await begun.begin() }
        guard case .started(let again, _) = later else { Issue.record("remembered"); return }
        #expect(again == one && begun.count == 1)
    }

    /// A start is let go once its ten minutes are over: the server held every start of its last
    /// 10,000, each with the finished task that began it (some 6 KB), however long ago they were,
    /// 60 MB of a long round's server.
    @Test func aStartIsLetGoOnceItsTenMinutesAreOver() async throws {
        let starts = AnonymousStarts()
        let begun = Begun()
        for n in 0..<50 { try await begun.post("early-\(n)", to: starts, at: Double(n)) }
        #expect(starts.count == 50)
        try await begun.post("later", to: starts, at: 630)
        #expect(starts.count == 20, "the 31 taken ten minutes before or more are let go, the 19 after and the new one kept")
        try await begun.post("early-0", to: starts, at: 631)
        #expect(begun.count == 52, "an expired nonce begins anew")
    }

    @Test func theOldestGoBeyondTheCapacity() async throws {
        let starts = AnonymousStarts(capacity: 3)
        let begun = Begun()
        for (second, n) in [0, 1, 2, 3, 4, 4, 0].enumerated() { try await begun.post("n\(n)", to: starts, at: Double(second)) }
        #expect(starts.count == 3)
        #expect(begun.count == 6, "n4 posted again is remembered; n0, let go for the newer ones, begins anew")
    }

    @Test func aStartThatBeganNothingCanBeSentAgain() async throws {
        let starts = AnonymousStarts()
        let refused = try await starts.begin(nonce: "n", now: Self.now) { .unknownRound("x") }
        guard case .unknownRound = refused else { Issue.record("refused"); return }
        #expect(starts.count == 0)
        let begun = Begun()
        _ = try await starts.begin(nonce: "n", now: Self.now) { try await begun.begin() }
        #expect(begun.count == 1 && starts.count == 1)
    }
}
