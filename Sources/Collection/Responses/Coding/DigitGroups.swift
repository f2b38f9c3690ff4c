/// Digits written in groups of three with a space between them (`1 500 000`), as Swedish writes
/// large numbers, and as spreadsheets export them with a no-break or narrow no-break space.
enum DigitGroups {
    /// How a number's text uses spaces.
    enum Reading {
        /// No space of any kind: read the text as it is.
        case ungrouped
        /// Groups of three with spaces between them: read these bytes, the spaces taken out.
        case grouped([UInt8])
        /// Spaces that are not between groups of three digits of the whole part (`1 00`,
        /// `10  000`, `1 000,000 5`, `- 1`): not a number.
        case misgrouped
    }

    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        guard bytes.contains(where: { $0 == space || $0 == 0xC2 || $0 == 0xE2 }) else { return .ungrouped }
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        var i = 0
        if bytes[0] == UInt8(ascii: "-") {
            digits.append(bytes[0])
            i = 1
        }
        var groupLength = 0
        var groups = 0
        while i < bytes.count {
            let b = bytes[i]
            if b &- UInt8(ascii: "0") < 10 {
                groupLength += 1
                digits.append(b)
                i += 1
            } else if let width = separatorWidth(bytes, at: i) {
                guard groupLength == 3 || (groups == 0 && (1...3).contains(groupLength)) else { return .misgrouped }
                groups += 1
                groupLength = 0
                i += width
            } else {
                break
            }
        }
        // The last group of the whole part, before the decimal separator or the end.
        guard groups > 0, groupLength == 3 else { return .misgrouped }
        let rest = bytes[i...]
        guard !rest.contains(where: { $0 == space || $0 == 0xC2 || $0 == 0xE2 }) else { return .misgrouped }
        digits.append(contentsOf: rest)
        return .grouped(digits)
    }

    private static let space = UInt8(ascii: " ")

    /// The length in bytes of a space, a no-break space (C2 A0) or a narrow no-break space
    /// (E2 80 AF) at `i`, else `nil`.
    private static func separatorWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        if bytes[i] == space { return 1 }
        if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
        if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF { return 3 }
        return nil
    }
}
