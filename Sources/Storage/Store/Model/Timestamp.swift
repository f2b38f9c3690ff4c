import Expressions
import Foundation

/// A moment in UTC as stored: ISO 8601 with milliseconds, `2025-10-01T08:30:00.000Z`,
/// so that text order is time order.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The stored text.
    public let text: String

    public init(_ date: Date) {
        self.init(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// The moment `milliseconds` after 1970-01-01T00:00Z.
    public init(millisecondsSinceEpoch milliseconds: Int64) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        Self.appendText(milliseconds: milliseconds, to: &bytes)
        text = String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the stored text of the moment `milliseconds` after 1970-01-01T00:00Z
    /// (`2025-10-01T08:30:00.000Z`, 24 bytes) without making a `String`.
    static func appendText(milliseconds: Int64, to bytes: inout [UInt8]) {
        let (days, remainder) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, msOfDay) = remainder < 0 ? (days - 1, remainder + 86_400_000) : (days, remainder)
        let day = CalendarDate(daysSinceEpoch: Int(dayNumber))
        let seconds = Int(msOfDay / 1000)
        ResponseBatch.appendDigits(day.year, 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        ResponseBatch.appendDigits(day.month, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        ResponseBatch.appendDigits(day.day, 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        ResponseBatch.appendDigits(seconds / 3600, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        ResponseBatch.appendDigits(seconds / 60 % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        ResponseBatch.appendDigits(seconds % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        ResponseBatch.appendDigits(Int(msOfDay % 1000), 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Reads the forms a data file may carry: `YYYY-MM-DD` (midnight UTC),
    /// `YYYY-MM-DDTHH:MM[:SS[.fff…]]` followed by `Z` or an offset `±HH:MM` (a space may stand for `T`).
    /// Returns nil for anything else, including impossible dates and times.
    public init?(iso text: String) {
        guard let milliseconds = Self.parse(Array(text.utf8)) else { return nil }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// The same forms read straight from UTF-8 bytes (a CSV field), without making a String.
    public init?(isoBytes bytes: UnsafeRawBufferPointer) {
        guard let milliseconds = Self.milliseconds(isoBytes: bytes) else { return nil }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// The moment written in `bytes` (the forms of ``init(iso:)``) in milliseconds since
    /// 1970-01-01T00:00Z, without making a `Timestamp`: what a ``ResponseBatch`` takes.
    public static func milliseconds(isoBytes bytes: UnsafeRawBufferPointer) -> Int64? {
        parse(bytes)
    }

    /// A timestamp read back from the store, which wrote it in this form.
    init(stored text: String) {
        self.text = text
    }

    public static func now() -> Timestamp { Timestamp(Date()) }

    /// The moment as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

    /// Milliseconds since 1970-01-01T00:00Z.
    public var millisecondsSinceEpoch: Int64 { Self.parse(Array(text.utf8))! }

    public var calendarDate: CalendarDate { CalendarDate(iso: text.prefix(10))! }

    public var description: String { text }

    /// To the minute, as messages give a time: `2027-03-02 09:14 UTC`.
    public var minuteText: String { "\(text.prefix(10)) \(text.dropFirst(11).prefix(5)) UTC" }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.text < rhs.text }

    /// Milliseconds since 1970-01-01T00:00Z; fractions beyond milliseconds are cut off.
    private static func parse<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes) -> Int64? where Bytes.Index == Int {
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var value = 0
            for c in b[at..<(at + count)] {
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            return value
        }
        // The date as `CalendarDate(iso:)` reads it, from the bytes without making a String.
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = digits(0, 4), let month = digits(5, 2), let dayOfMonth = digits(8, 2),
              let day = CalendarDate(year: year, month: month, day: dayOfMonth) else { return nil }
        var ms = Int64(day.daysSinceEpoch) * 86_400_000
        if b.count == 10 { return ms }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              let hour = digits(11, 2), b.count > 13, b[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
              hour < 24, minute < 60 else { return nil }
        ms += Int64(hour * 3600 + minute * 60) * 1000
        var i = 16
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let second = digits(i + 1, 2), second < 60 else { return nil }
            ms += Int64(second) * 1000
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                var scale: Int64 = 100
                i += 1
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    ms += Int64(b[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        guard i < b.count else { return nil }
        switch b[i] {
        case UInt8(ascii: "Z"):
            guard i + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == b.count, let oh = digits(i + 1, 2), b[i + 3] == UInt8(ascii: ":"), let om = digits(i + 4, 2),
                  oh < 24, om < 60 else { return nil }
            let offset = Int64(oh * 3600 + om * 60) * 1000
            ms += b[i] == UInt8(ascii: "+") ? -offset : offset
        default:
            return nil
        }
        return ms
    }
}
