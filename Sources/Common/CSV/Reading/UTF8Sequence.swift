/// Checks one multi-byte UTF-8 sequence (Unicode 15, table 3-7: no overlong forms,
/// no surrogates, nothing above U+10FFFF).
enum UTF8Sequence {
    /// The sequence's length when the bytes at `start` (lead byte ≥ 0x80) are valid UTF-8, 0 when they
    /// are not, -1 when the `available` bytes are valid so far but too few to decide.
    @inline(__always)
    static func length(at start: UnsafePointer<UInt8>, available: Int) -> Int {
        let lead = start[0]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        let present = min(length, available)
        if present > 1 {
            let second = start[1]
            if second < low || second > high { return 0 }
            var index = 2
            while index < present {
                if start[index] & 0xC0 != 0x80 { return 0 }
                index += 1
            }
        }
        return present == length ? length : -1
    }
}
