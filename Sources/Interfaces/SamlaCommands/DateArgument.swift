import ArgumentParser
import Expressions
import Responses

/// A date on the command line: `YYYY-MM-DD`; anything else is a usage error that says why, with the
/// day a date written another way may mean (`14/3/2027` → 2027-03-14), as the import says it.
struct DateArgument: Sendable {
    var date: CalendarDate

    init(parsing argument: String) throws {
        guard let date = CalendarDate(iso: argument) else { throw ValidationError(Self.problem(argument)) }
        self.date = date
    }

    /// Why `text` is no date, and how to write it.
    static func problem(_ text: String) -> String {
        let readings = DateReadings.of(text).map { "\($0) if it is \($0.inWords(language: "en"))" }
        return "not a day of the calendar written year-month-day as YYYY-MM-DD; "
            + (readings.isEmpty ? "e.g. 2027-02-01" : "write " + readings.joined(separator: ", "))
    }
}
