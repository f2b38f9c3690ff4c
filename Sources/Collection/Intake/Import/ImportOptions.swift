import Expressions
import Foundation

/// How `ResponseImporter` treats a file.
public struct ImportOptions: Sendable {
    /// Import the valid rows even when others are refused (and list those in ``reportPath``).
    public var skipInvalid: Bool
    /// Where to write the CSV report of refused rows (row, line, column, value, code, message);
    /// written when a path is given and some row is refused.
    public var reportPath: String?
    /// How many errors ``ImportResult/diagnostics`` keeps; the totals count every one.
    public var listedErrorLimit: Int
    /// Shows a progress bar on standard error, when it is a terminal.
    public var showsProgress: Bool
    /// The date `today()` means in the survey's expressions.
    public var today: CalendarDate
    /// Import a file whose bytes the round has imported before (refused otherwise, E431).
    public var again: Bool
    /// The time of the import: a row's `submitted_at` more than a day after it is refused (E496).
    public var now: Date
    /// The zone whose days the round's `opens` and `closes` are (the machine's, `TZ`), in which a
    /// row's `submitted_at` is compared with them (W425, W426).
    public var timeZone: TimeZone

    public init(
        skipInvalid: Bool = false, reportPath: String? = nil, listedErrorLimit: Int = 100, showsProgress: Bool = false,
        today: CalendarDate = .today(), again: Bool = false, now: Date = Date(), timeZone: TimeZone = .current
    ) {
        self.now = now
        self.timeZone = timeZone
        self.again = again
        self.skipInvalid = skipInvalid
        self.reportPath = reportPath
        self.listedErrorLimit = listedErrorLimit
        self.showsProgress = showsProgress
        self.today = today
    }
}
