/// Eight bytes tested at once (SWAR): each mask has 0x80 in the bytes that matched.
enum Word {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let quotes = repeating(ByteClass.quoteByte)
    private static let lineFeeds = repeating(ByteClass.lineFeedByte)
    private static let carriageReturns = repeating(ByteClass.carriageReturnByte)

    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// Eight bytes from `pointer` (any alignment), the first in the lowest byte.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// 0x80 in each byte of `word` that equals the byte repeated in `pattern`; exact (no carries between bytes).
    @inline(__always)
    static func equal(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        return ~(((difference & lows) &+ lows) | difference | lows)
    }

    /// The bytes that end or interrupt an unquoted field: delimiter, quote, CR, LF, non-ASCII.
    @inline(__always)
    static func unquotedSpecials(_ word: UInt64, delimiters: UInt64) -> UInt64 {
        equal(word, delimiters) | equal(word, quotes) | equal(word, lineFeeds) | equal(word, carriageReturns) | (word & highs)
    }

    /// The bytes that matter inside a quoted field: quote, LF (to count lines), non-ASCII.
    @inline(__always)
    static func quotedSpecials(_ word: UInt64) -> UInt64 {
        equal(word, quotes) | equal(word, lineFeeds) | (word & highs)
    }

    /// The offset (0–7) of the first matched byte in a non-zero mask.
    @inline(__always)
    static func firstIndex(in mask: UInt64) -> Int {
        mask.trailingZeroBitCount &>> 3
    }
}
