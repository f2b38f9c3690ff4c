import Expressions
import Foundation
import Store

/// Reads a `submitted_at` cell straight from its bytes, in the forms `Timestamp(iso:)` takes:
/// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff…]]` with `Z` or `±HH:MM`
/// (a space may stand for `T`). Faster than going through `String`, which matters when
/// every one of a million rows has one.
enum TimestampText {
    static func timestamp(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        milliseconds(bytes).map(timestamp(milliseconds:))
    }

    /// The moment `ms` milliseconds after 1970-01-01T00:00Z.
    static func timestamp(milliseconds ms: Int64) -> Timestamp {
        // Half a millisecond more, so that the store's rounding down of the Double lands on `ms`.
        Timestamp(Date(timeIntervalSince1970: (Double(ms) + 0.5) / 1000))
    }

    static func milliseconds(_ b: UnsafeRawBufferPointer) -> Int64? {
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var value = 0
            for i in at..<(at + count) {
                let c = b[i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            return value
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        var ms = Int64(date.daysSinceEpoch) * 86_400_000
        if b.count == 10 { return ms }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b.count >= 16, b[13] == UInt8(ascii: ":"),
              let hour = digits(11, 2), let minute = digits(14, 2), hour < 24, minute < 60 else { return nil }
        ms += Int64(hour * 3600 + minute * 60) * 1000
        var i = 16
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let second = digits(i + 1, 2), second < 60 else { return nil }
            ms += Int64(second) * 1000
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                var scale: Int64 = 100
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    ms += Int64(b[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "Z") {
            return i + 1 == b.count ? ms : nil
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
              let oh = digits(i + 1, 2), let om = digits(i + 4, 2), oh < 24, om < 60 else { return nil }
        let offset = Int64(oh * 3600 + om * 60) * 1000
        return b[i] == UInt8(ascii: "+") ? ms - offset : ms + offset
    }
}
