import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct RoundSecretTests {
    @Test func aRoundKeepsOneKeyAndEachRoundHasItsOwn() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", TestSurveys.document())
        try temporary.open("shop-2026", TestSurveys.document())
        let first = try temporary.store.pseudonymKey(round: "shop-2025")
        #expect(first.count == 32)
        #expect(try temporary.store.pseudonymKey(round: "shop-2025") == first)
        #expect(try SQLiteStore(path: temporary.path).pseudonymKey(round: "shop-2025") == first, "kept across openings")
        #expect(try temporary.store.pseudonymKey(round: "shop-2026") != first)
    }

    @Test func anUnknownRoundIsRefused() throws {
        let temporary = try TemporaryStore()
        #expect(throws: StoreError.self) { try temporary.store.pseudonymKey(round: "nope-2025") }
    }
}
