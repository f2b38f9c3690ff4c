import Expressions

/// Small helpers over the UTF-8 bytes of one answer, so that cells can be coded
/// without first becoming `String`s.
enum ByteText {
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The first control character in UTF-8 `bytes` other than tab and line breaks (C0, DEL and
    /// C1: characters no one types and that HTML, terminals and spreadsheets do not show), with
    /// its place counted in characters from 1.
    static func firstControl(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalar: UInt32, position: Int)? {
        var position = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 { position += 1 }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return (UInt32(byte), position) }
            if byte == 0x7F { return (0x7F, position) }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                return (UInt32(bytes[index + 1]), position)
            }
            index += 1
        }
        return nil
    }

    static func hasControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { firstControl($0) != nil }
    }

    /// The bytes without leading and trailing spaces, tabs, CR and LF.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if start == 0 && end == bytes.count { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// A date written exactly `YYYY-MM-DD` (a real day), as `CalendarDate(iso:)` reads it.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// ASCII case-insensitive equality with a lowercase ASCII word.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercaseWord: [UInt8]) -> Bool {
        guard bytes.count == lowercaseWord.count else { return false }
        for i in 0..<bytes.count {
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            if b != lowercaseWord[i] { return false }
        }
        return true
    }
}
