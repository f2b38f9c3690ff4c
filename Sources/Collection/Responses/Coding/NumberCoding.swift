/// Reading numbers as people write them in forms and spreadsheets, with exact rules:
///
/// - **Whole numbers** (`integer`): an optional `-`, then digits (`12`, `-3`, `007`). No `+`, no
///   fraction (`12.0` is refused: write `12`), no exponent (`1e3`). Values outside the 64-bit
///   range are refused as too large.
/// - **Decimals** (`decimal`): an optional `-`, digits, and at most one decimal separator, which
///   may be `.` or the Swedish `,` (`3.5`, `3,5`, `.5`, `5.`). No exponent, no `inf`/`nan`. At
///   most 15 significant digits, so that every accepted value is stored exactly as written (a
///   `Double` holds 15 decimal digits faithfully).
/// - **Digit groups**: the whole part of either may be written in groups of three digits with a
///   space between them, as Swedish does (`1 000`, `1 500 000,5`); the space may be a no-break
///   space (U+00A0) or a narrow one (U+202F), as spreadsheets write it. `,` and `.` never separate
///   thousands, and any other spacing (`1 00`, `10  000`) is not a number.
enum NumberCoding {
    enum Outcome: Equatable {
        case integer(Int64)
        case decimal(Double)
        case notANumber
        case notAWholeNumber
        case outOfRange
    }

    private static let minus = UInt8(ascii: "-")
    private static let dot = UInt8(ascii: ".")
    private static let comma = UInt8(ascii: ",")
    private static let zero = UInt8(ascii: "0")

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    /// A whole number, or why the text is not one. `bytes` must be trimmed and non-empty.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        switch DigitGroups.read(bytes) {
        case .ungrouped: break
        case .grouped(let digits): return digits.withUnsafeBufferPointer { integer($0) }
        case .misgrouped: return .notANumber
        }
        var i = 0
        let negative = bytes[0] == minus
        if negative { i = 1 }
        guard i < bytes.count else { return .notANumber }
        var value: Int64 = 0
        var overflow = false
        while i < bytes.count, isDigit(bytes[i]) {
            let digit = Int64(bytes[i] &- zero)
            if !overflow {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
                if o1 || o2 { overflow = true } else { value = s }
            }
            i += 1
        }
        if i == bytes.count {
            if i == (negative ? 1 : 0) { return .notANumber }
            return overflow ? .outOfRange : .integer(value)
        }
        // Not all digits: a decimal or an exponent form is "not whole", anything else "not a number".
        switch decimal(bytes) {
        case .decimal, .outOfRange: return .notAWholeNumber
        default: return looksLikeExponent(bytes) ? .notAWholeNumber : .notANumber
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// A decimal number, or why the text is not one. `bytes` must be trimmed and non-empty.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        switch DigitGroups.read(bytes) {
        case .ungrouped: break
        case .grouped(let digits): return digits.withUnsafeBufferPointer { decimal($0) }
        case .misgrouped: return .notANumber
        }
        var i = 0
        let negative = bytes[0] == minus
        if negative { i = 1 }
        var mantissa: Int64 = 0
        var significant = 0
        var digits = 0
        var fractionDigits = 0
        var seenSeparator = false
        while i < bytes.count {
            let b = bytes[i]
            if isDigit(b) {
                digits += 1
                if seenSeparator { fractionDigits += 1 }
                if significant > 0 || b != zero {
                    significant += 1
                    if significant <= 18 { mantissa = mantissa * 10 + Int64(b &- zero) }
                }
            } else if (b == dot || b == comma) && !seenSeparator {
                seenSeparator = true
            } else {
                return .notANumber
            }
            i += 1
        }
        guard digits > 0 else { return .notANumber }
        guard significant <= 15 else { return .outOfRange }
        var value: Double
        if fractionDigits < powersOfTen.count {
            value = Double(mantissa) / powersOfTen[fractionDigits]
        } else {
            // Many leading zeros after the separator: let the C library round it.
            var text = String(decoding: bytes, as: UTF8.self)
            text = text.replacingOccurrencesOfComma()
            value = Double(text) ?? 0
            return .decimal(value)
        }
        if negative && value != 0 { value = -value }
        return .decimal(value)
    }

    /// `1e3`, `-2.5E-4`: an exponent form, which Samla never accepts but names precisely.
    private static func looksLikeExponent(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }), e > 0 else { return false }
        let before = UnsafeBufferPointer(rebasing: bytes[0..<e])
        var after = UnsafeBufferPointer(rebasing: bytes[(e + 1)...])
        if let first = after.first, first == minus || first == UInt8(ascii: "+") {
            after = UnsafeBufferPointer(rebasing: after[(after.startIndex + 1)...])
        }
        guard !after.isEmpty, after.allSatisfy(isDigit) else { return false }
        if case .decimal = decimal(before) { return true }
        return false
    }
}

private extension String {
    func replacingOccurrencesOfComma() -> String {
        String(map { $0 == "," ? "." : $0 })
    }
}
