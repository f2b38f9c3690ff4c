import Foundation
import GRDB
@testable import Store
import Testing

/// Opening a store tries again while SQLite answers busy at once (a WAL index being rebuilt by
/// another process), until the busy timeout has passed; other failures are not retried.
struct OpeningRetryTests {
    final class Attempts: @unchecked Sendable {
        var count = 0
    }

    @Test func aBusyAnswerAtOpeningIsTriedAgain() throws {
        let attempts = Attempts()
        let opened = try SQLiteStore.retryingWhileBusy(for: 5, pause: 0.001) { () throws -> String in
            attempts.count += 1
            if attempts.count < 3 { throw DatabaseError(resultCode: .SQLITE_BUSY_RECOVERY, message: "database is locked") }
            return "open"
        }
        #expect(opened == "open")
        #expect(attempts.count == 3)
    }

    @Test func aBusyAnswerPastTheTimeoutIsTheRefusal() throws {
        let attempts = Attempts()
        let started = Date()
        #expect(throws: DatabaseError.self) {
            try SQLiteStore.retryingWhileBusy(for: 0.05, pause: 0.001) { () throws -> Int in
                attempts.count += 1
                throw DatabaseError(resultCode: .SQLITE_BUSY_RECOVERY, message: "database is locked")
            }
        }
        #expect(attempts.count > 1)
        #expect(Date().timeIntervalSince(started) >= 0.05)
    }

    @Test func anotherFailureIsNotTriedAgain() throws {
        let attempts = Attempts()
        #expect(throws: DatabaseError.self) {
            try SQLiteStore.retryingWhileBusy(for: 5, pause: 0.001) { () throws -> Int in
                attempts.count += 1
                throw DatabaseError(resultCode: .SQLITE_NOTADB, message: "file is not a database")
            }
        }
        #expect(attempts.count == 1)
    }
}
