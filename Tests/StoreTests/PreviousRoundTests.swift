import Expressions
import SurveyDefinition
import Testing
@testable import Store

/// The round of a survey before another: the latest of the same survey that opened before it.
@Suite struct PreviousRoundTests {
    @Test func theLatestRoundOfTheSurveyThatOpenedBefore() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        func open(_ name: String, _ document: SurveyDocument, _ year: Int, month: Int = 10) throws -> Round {
            try store.openRound(RoundRequest(
                name: name, document: document, opens: CalendarDate(year: year, month: month, day: 1)!,
                closes: CalendarDate(year: year + 1, month: 1, day: 31)!, anonymous: true)).round
        }
        let shop = TestSurveys.document(), other = TestSurveys.document(id: "club")
        let first = try open("shop-2024", shop, 2024)
        #expect(try store.previousRound(before: first) == nil)
        _ = try open("shop-2025-spring", shop, 2025, month: 3)
        let autumn = try open("shop-2025", shop, 2025)
        _ = try open("club-2026", other, 2026, month: 3)
        let next = try open("shop-2026", shop, 2026)
        // Another survey's round, and one opened the same day, are not before it.
        _ = try open("shop-2026-b", shop, 2026)
        #expect(try store.previousRound(before: next)?.name == "shop-2025")
        #expect(try store.previousRound(before: autumn)?.name == "shop-2025-spring")
        // Of two opened on one day, the one opened last.
        let later = try open("shop-2027", shop, 2027)
        #expect(try store.previousRound(before: later)?.name == "shop-2026-b")
    }
}
