import Foundation
import Testing
@testable import Expressions

@Suite struct CalendarDateTests {
    @Test func parsesISODates() {
        #expect(CalendarDate(iso: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso: "0001-01-01")?.description == "0001-01-01")
        #expect(CalendarDate(iso: "9999-12-31")?.daysSinceEpoch == 2_932_896)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-1-01", "2024/01/01", "20240101",
                      "2024-01-0a", " 2024-01-01", "2024-01-01 ", "", "２０２４-01-01"])
    func refusesOtherText(text: String) {
        #expect(CalendarDate(iso: text) == nil, "\(text)")
        #expect(CalendarDate(iso: text[...]) == nil, "substring \(text)")
    }

    @Test func parsesSubstringsAsStrings() {
        let line = "opens 2025-03-14 closes 2025-04-30"
        #expect(CalendarDate(iso: line.dropFirst(6).prefix(10)) == CalendarDate(year: 2025, month: 3, day: 14))
        #expect(CalendarDate(iso: line.suffix(10)) == CalendarDate(iso: "2025-04-30"))
    }

    @Test func daysRoundTrip() {
        for days in [-719_162, -1, 0, 1, 19_723, 2_932_896] {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
    }

    @Test(arguments: [
        ("2025-10-12T21:59:59Z", "Europe/Stockholm", "2025-10-12"),
        ("2025-10-12T22:00:00Z", "Europe/Stockholm", "2025-10-13"),  // summer time, UTC+2
        ("2025-12-31T23:00:00Z", "Europe/Stockholm", "2026-01-01"),  // winter time, UTC+1
        ("2025-12-31T23:00:00Z", "UTC", "2025-12-31"),
        ("2025-03-01T03:00:00Z", "America/New_York", "2025-02-28"),
    ])
    func todayIsTheDateInTheTimeZone(instant: String, zone: String, date: String) throws {
        let now = try #require(ISO8601DateFormatter().date(from: instant))
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(CalendarDate.today(now: now, in: timeZone).description == date)
    }
}
