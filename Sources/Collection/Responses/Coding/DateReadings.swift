import Expressions

/// The days a text that is not `YYYY-MM-DD` may mean, for a message that shows the answer
/// rewritten (`14/10/2025` → 2025-10-14), never for reading it: a refused date is never guessed.
///
/// Read: day, month and year separated by `/`, `.`, `-` or spaces (day first; with `/` also month
/// first, as in the United States, when that is another day); year, month and day with other
/// separators or single digits (`2025/3/14`, `2025-3-14`); eight digits (`20250314`); and a month
/// named in Swedish or English, in full or shortened (`14 okt 2025`, `October 14, 2025`).
public enum DateReadings {
    public static func of(_ text: String) -> [CalendarDate] {
        guard text.utf8.count <= 40 else { return [] }
        let lowered = text.lowercased()
        if lowered.utf8.count == 8, lowered.allSatisfy(\.isASCIIDigit) {
            let digits = Array(lowered)
            return date(year: Int(String(digits[0..<4])), month: Int(String(digits[4..<6])), day: Int(String(digits[6..<8]))).map { [$0] } ?? []
        }
        let separators: Set<Character> = ["/", ".", "-", " ", ","]
        let parts = lowered.split(whereSeparator: { separators.contains($0) }).map(String.init)
        guard parts.count == 3 else { return [] }
        let used = Set(lowered.filter { separators.contains($0) })
        let numbers = parts.map { $0.allSatisfy(\.isASCIIDigit) && $0.count <= 4 ? Int($0) : nil }
        let months = parts.map(month(named:))
        switch (numbers[0], numbers[1], numbers[2]) {
        case let (year?, month?, day?) where parts[0].count == 4:
            return date(year: year, month: month, day: day).map { [$0] } ?? []
        case let (first?, second?, year?) where parts[2].count == 4:
            var readings: [CalendarDate] = []
            if let dayFirst = date(year: year, month: second, day: first) { readings.append(dayFirst) }
            if used == ["/"], first != second, let monthFirst = date(year: year, month: first, day: second) { readings.append(monthFirst) }
            return readings
        default:
            break
        }
        if let month = months[1], let day = numbers[0], let year = numbers[2], parts[2].count == 4 {
            return date(year: year, month: month, day: day).map { [$0] } ?? []
        }
        if let month = months[0], let day = numbers[1], let year = numbers[2], parts[2].count == 4 {
            return date(year: year, month: month, day: day).map { [$0] } ?? []
        }
        if let year = numbers[0], let month = months[1], let day = numbers[2], parts[0].count == 4 {
            return date(year: year, month: month, day: day).map { [$0] } ?? []
        }
        return []
    }

    private static let swedishMonths = CalendarDate.monthNames(language: "sv")
    private static let englishMonths = CalendarDate.monthNames(language: "en")

    private static func date(year: Int?, month: Int?, day: Int?) -> CalendarDate? {
        guard let year, let month, let day, year >= 1000 else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// 1–12 for a month's Swedish or English name, whole or its first three letters (four for
    /// "sept"), with or without a full stop after it.
    private static func month(named word: String) -> Int? {
        let word = word.hasSuffix(".") ? String(word.dropLast()) : word
        guard word.count >= 3 else { return nil }
        for (index, names) in zip(swedishMonths, englishMonths).enumerated() {
            for name in [names.0, names.1.lowercased()] where name == word || (word.count <= 4 && name.hasPrefix(word)) {
                return index + 1
            }
        }
        return nil
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
