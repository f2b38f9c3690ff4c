import Expressions
import Responses
import SurveyDefinition

/// Plausible values by type for variables no profile describes. Numbers are drawn around the
/// numbers a question's constraint mentions, so that most draws pass it.
enum GenericDraws {
    static func value(
        for variable: Variable, question: Question, offered: [String], attempt: Int, serial: Int = 0, english: Bool = false,
        random: inout SeededRandom
    ) -> AnswerValue? {
        switch variable.type {
        case .text:
            if variable.role == .otherText { return .text(TextSamples.text(.otherAnswer, &random, english: english)) }
            switch question.type {
            case .email: return .text(TextSamples.text(.email, &random, serial: serial))
            case .longText: return .text(TextSamples.text(.comment, &random, english: english))
            default:
                let name = variable.name.lowercased()
                if name.contains("name") || name.contains("namn") {
                    return .text(TextSamples.text(name.contains("contact") || name.contains("person") ? .personName : .organisationName, &random))
                }
                if name.contains("place") || name.contains("city") || name.contains("ort") { return .text(TextSamples.text(.place, &random)) }
                return .text(TextSamples.text(.otherAnswer, &random, english: english))
            }
        case .integer:
            return .integer(Int64(number(question, attempt: attempt, random: &random).rounded()))
        case .decimal:
            return .decimal((number(question, attempt: attempt, random: &random) * 10).rounded() / 10)
        case .boolean:
            return .boolean(random.chance(0.5))
        case .date:
            return .date(date(question, attempt: attempt, random: &random))
        case .choice:
            guard let code = pick(offered, random: &random) else { return nil }
            return .choice(code)
        case .choices:
            let usable = offered.filter { $0 != Choice.otherValue }
            guard !usable.isEmpty else { return offered.isEmpty ? nil : .choices([offered[0]]) }
            if offered.contains(Choice.otherValue) && random.chance(0.03) { return .choices([Choice.otherValue]) }
            let count = random.int(in: 1...min(3, usable.count))
            var pool = usable
            var chosen: [String] = []
            for _ in 0..<count { chosen.append(pool.remove(at: random.int(in: 0...(pool.count - 1)))) }
            return .choices(chosen)
        }
    }

    /// One code, `other` only rarely.
    private static func pick(_ offered: [String], random: inout SeededRandom) -> String? {
        let usable = offered.filter { $0 != Choice.otherValue }
        if usable.isEmpty || (offered.count > usable.count && random.chance(0.03)) { return offered.first { $0 == Choice.otherValue } }
        return random.pick(usable)
    }

    /// A number near the constraint's literals: between the smallest and largest, else below or
    /// above a single one, else small and positive.
    private static func number(_ question: Question, attempt: Int, random: inout SeededRandom) -> Double {
        let literals = literals(in: question.constraint?.text ?? "")
        func uniform(_ low: Double, _ high: Double) -> Double { low + random.unit() * (high - low) }
        switch (literals.count, attempt % 3) {
        case (0, _):
            return min(10 * exp(random.normal()), 10_000)
        case (1, 0), (1, 2):
            return uniform(literals[0], literals[0] + max(100, abs(literals[0]) * 0.1))
        case (1, _):
            return uniform(min(0, literals[0]), literals[0])
        default:
            let low = literals.min()!, high = literals.max()!
            return attempt % 3 == 2 ? uniform(low, low + (high - low) * 0.1) : uniform(low, high)
        }
    }

    /// A day between the dates the constraint names, within a year after or before a single one,
    /// else from 2000 to mid-2025.
    private static func date(_ question: Question, attempt: Int, random: inout SeededRandom) -> CalendarDate {
        let named = dates(in: question.constraint?.text ?? "").map(\.daysSinceEpoch)
        let days: ClosedRange<Int>
        switch named.count {
        case 0: days = CalendarDate(year: 2000, month: 1, day: 1)!.daysSinceEpoch...CalendarDate(year: 2025, month: 6, day: 30)!.daysSinceEpoch
        case 1: days = attempt % 2 == 0 ? named[0]...(named[0] + 365) : (named[0] - 365)...named[0]
        default: days = named.min()!...named.max()!
        }
        return CalendarDate(daysSinceEpoch: random.int(in: days))
    }

    /// The dates written in an expression as quoted texts (`'2026-01-01'`).
    static func dates(in text: String) -> [CalendarDate] {
        text.split(whereSeparator: { $0 == "'" || $0 == "\"" }).compactMap { CalendarDate(iso: $0) }
    }

    /// The numbers written in an expression (not inside quotes or `${…}`).
    static func literals(in text: String) -> [Double] {
        var numbers: [Double] = []
        var current = ""
        var quote: Character?
        var inReference = false
        func flush() {
            if let n = Double(current) { numbers.append(n) }
            current = ""
        }
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
                continue
            }
            if inReference {
                if c == "}" { inReference = false }
                continue
            }
            switch c {
            case "'", "\"": flush(); quote = c
            case "{": flush(); inReference = true
            case "0"..."9", ".":
                current.append(c)
            default: flush()
            }
        }
        flush()
        return numbers.filter { $0.isFinite }
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
