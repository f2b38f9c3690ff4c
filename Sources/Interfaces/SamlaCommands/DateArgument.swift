import ArgumentParser
import Expressions

/// A date on the command line: `YYYY-MM-DD`; anything else is a usage error.
struct DateArgument: ExpressibleByArgument, Sendable {
    var date: CalendarDate

    init?(argument: String) {
        guard let date = CalendarDate(iso: argument) else { return nil }
        self.date = date
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
