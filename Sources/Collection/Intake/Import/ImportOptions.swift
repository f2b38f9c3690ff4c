import Expressions

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

    public init(
        skipInvalid: Bool = false, reportPath: String? = nil, listedErrorLimit: Int = 100, showsProgress: Bool = false,
        today: CalendarDate = .today(), again: Bool = false
    ) {
        self.again = again
        self.skipInvalid = skipInvalid
        self.reportPath = reportPath
        self.listedErrorLimit = listedErrorLimit
        self.showsProgress = showsProgress
        self.today = today
    }
}
