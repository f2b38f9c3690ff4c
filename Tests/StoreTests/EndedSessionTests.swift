import Foundation
import Testing
@testable import Store

@Suite struct EndedSessionTests {
    @Test func aSignedOutSessionStaysEndedUntilItWouldHaveExpired() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try !store.isSessionEnded("abc"))
        try store.endSession("abc", expiresAt: now + 3600)
        try store.endSession("abc", expiresAt: now + 3600)  // signed out twice: still one row
        try store.endSession("old", expiresAt: now - 1)
        #expect(try store.isSessionEnded("abc"))
        #expect(try !store.isSessionEnded("abd"))
        #expect(try store.isSessionEnded("old"), "kept until the next sign-out")

        // The next sign-out forgets sessions that have expired since: their cookies are refused anyway.
        try store.endSession("xyz", expiresAt: now + 60)
        #expect(try !store.isSessionEnded("old"))
        let rows = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ended_sessions") }
        #expect(rows == 2)
        // And a reopened store still knows.
        #expect(try SQLiteStore(path: temporary.path).isSessionEnded("abc"))
    }
}
