/// Numbers written as text, the XPath way: optional spaces, an optional `-`, digits with an
/// optional decimal point (`3`, `-2.5`, `.5`, `4.`). No `+`, exponents, `inf` or `nan`.
enum NumberText {
    /// Exact powers of ten, as a literal so that the table is laid out at compile time.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The number `text` spells, or nil when it is not a number.
    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var end = bytes.count
        while i < end, isSpace(bytes[i]) { i += 1 }
        while end > i, isSpace(bytes[end - 1]) { end -= 1 }
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var fractionDigits = 0
        var seenPoint = false
        var exact = true
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                digits += 1
                if mantissa == 0 && b == UInt8(ascii: "0") {
                    if seenPoint { fractionDigits += 1 }
                } else if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(b - UInt8(ascii: "0"))
                    significant += 1
                    if seenPoint { fractionDigits += 1 }
                } else {
                    exact = false
                }
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        let value: Double
        if exact, mantissa < (1 << 53), fractionDigits <= 22 {
            // Both operands are exact, so the quotient is correctly rounded.
            value = Double(mantissa) / powersOfTen[fractionDigits]
        } else {
            let start = bytes.startIndex
            let slice = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            guard let parsed = Double(slice.trimmingLeadingSpaces), parsed.isFinite else { return nil }
            return parsed
        }
        return negative ? -value : value
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// Whether `text` is a number whose value has no fraction (`12`, `-3`, `4.0`).
    static func isInteger(_ text: String) -> Bool {
        guard let value = parse(text) else { return false }
        return value == value.rounded(.towardZero)
    }

    /// The text of `value` as XPath writes it: no `.0` on whole numbers, no exponent.
    static func format(_ value: Double) -> String {
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let text = value.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]) else {
            return text
        }
        return expand(mantissa: String(text[..<e]), exponent: exponent)
    }

    /// `1.5`, `-7` → `0.00015`: moves the decimal point of a mantissa by `exponent` places.
    private static func expand(mantissa: String, exponent: Int) -> String {
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? String(mantissa.dropFirst()) : mantissa
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var integerPart = String(digits.prefix(point))
        var fractionPart = String(digits.dropFirst(point))
        while fractionPart.hasSuffix("0") { fractionPart.removeLast() }
        while integerPart.count > 1, integerPart.hasPrefix("0") { integerPart.removeFirst() }
        let body = fractionPart.isEmpty ? integerPart : integerPart + "." + fractionPart
        return negative ? "-" + body : body
    }
}

private extension String {
    var trimmingLeadingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
    }
}
