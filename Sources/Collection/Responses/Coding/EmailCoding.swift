/// A sane email check, not the whole of RFC 5322: `local@domain`, where
/// - the local part is 1–64 bytes of letters, digits, non-ASCII letters and ``!#$%&'*+/=?^_`{|}~.-``,
///   not starting or ending with `.` and without `..`;
/// - the domain has at least two labels separated by `.`, each 1–63 bytes of letters, digits,
///   non-ASCII letters (`räksmörgås.se`) and `-`, not starting or ending with `-`;
///   the last label (top-level domain) has at least two characters and no digits only;
/// - the whole address is at most 254 bytes and has no spaces.
enum EmailCoding {
    private static let localSpecials: Set<UInt8> = Set("!#$%&'*+/=?^_`{|}~-".utf8)

    @inline(__always)
    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }

    /// `bytes` must be trimmed and non-empty.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[0..<at]
        let domain = bytes[(at + 1)...]
        guard (1...64).contains(local.count), !domain.isEmpty else { return false }
        // Local part.
        var previousDot = true
        for b in local {
            if b == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else if isAlphanumeric(b) || localSpecials.contains(b) {
                previousDot = false
            } else {
                return false
            }
        }
        if previousDot { return false }
        // Domain labels.
        var labels = 0
        var labelStart = domain.startIndex
        var index = domain.startIndex
        while true {
            let atEnd = index == domain.endIndex
            if atEnd || domain[index] == UInt8(ascii: ".") {
                let label = domain[labelStart..<index]
                guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"),
                      label.last != UInt8(ascii: "-") else { return false }
                labels += 1
                if atEnd {
                    guard labels >= 2, label.count >= 2, !label.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
                    return true
                }
                labelStart = index + 1
            } else if !(isAlphanumeric(domain[index]) || domain[index] == UInt8(ascii: "-")) {
                return false
            }
            index += 1
        }
    }
}
