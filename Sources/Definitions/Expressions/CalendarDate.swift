import Foundation

/// A date without time or zone (`2025-03-14`), as surveys ask for it.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid date in the proleptic Gregorian calendar, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        guard let date = text.utf8.withContiguousStorageIfAvailable(Self.parse) ?? Self.parse(Array(text.utf8)) else { return nil }
        self = date
    }

    /// Parses exactly `YYYY-MM-DD` (the form the store writes dates in, read with every round).
    public init?(iso text: String) {
        var text = text
        guard let date = text.withUTF8(Self.parse) else { return nil }
        self = date
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let byte = bytes[i]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    private static func parse(_ bytes: [UInt8]) -> CalendarDate? {
        bytes.withUnsafeBufferPointer(parse)
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The days since 1970-01-01 of the dates a survey can hold, 0001-01-01 through 9999-12-31.
    static let validDays = -719_162...2_932_896

    /// The date `days` days after 1970-01-01, or nil when it falls outside the years 1 to 9999
    /// (as date arithmetic with a huge number of days would).
    init?(validDaysSinceEpoch days: Double) {
        guard days.isFinite, days >= Double(Self.validDays.lowerBound), days < Double(Self.validDays.upperBound + 1) else { return nil }
        self.init(daysSinceEpoch: Int(days.rounded(.down)))
    }

    /// Days since 1970-01-01, the number a date becomes in arithmetic.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `now` falls on in `timeZone`: by default the machine's local time zone (`TZ`), so that
    /// in Sweden a round opens and closes at local midnight and `today()` is the respondent's date.
    public static func today(now: Date = Date(), in timeZone: TimeZone = .current) -> CalendarDate {
        let local = now.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: now))
        return CalendarDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The names of the months, January first: Swedish (`sv`, in lower case, as Swedish writes
    /// them) or English.
    public static func monthNames(language: String) -> [String] {
        language == "sv"
            ? ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    }

    /// The date as running text writes it: `14 oktober 2025`, `14 October 2025`.
    public func inWords(language: String) -> String {
        "\(day) \(Self.monthNames(language: language)[month - 1]) \(year)"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
