import Expressions
import Store
import Testing
@testable import SamlaCommands

/// `samla round list`'s table writes its counts grouped in thousands, as the import summary does.
@Suite struct RoundListTableTests {
    @Test func countsAreGroupedInThousands() {
        let round = Round(
            id: 1, name: "esem-se-2026", surveyID: "esem-se", definitionHash: "3fa2c1d0e9ab",
            opens: CalendarDate(year: 2026, month: 3, day: 1)!, closes: CalendarDate(year: 2026, month: 5, day: 31)!,
            status: .open, isAnonymous: false, createdAt: Timestamp(millisecondsSinceEpoch: 0))
        let summary = RoundSummary(
            round: round, definitionVersion: "2026.1", started: 30_006, complete: 12_345,
            byLanguage: [.init(language: "sv", started: 25_000, complete: 10_000)],
            invitations: 40_000, invitationsUsed: 30_006, invitationsCompleted: 12_345, responsesWithoutInvitation: 0,
            invitationsWithdrawn: 1_200)
        let table = RoundListCommand.table([summary], today: CalendarDate(year: 2026, month: 4, day: 1)!)
        #expect(table.contains("40,000 (30,006 used, 1,200 withdrew)"))
        #expect(table.contains(" 30,006    12,345 "))
        #expect(table.contains("sv 25,000/10,000"))
        #expect(!table.contains("30006"))
    }
}
